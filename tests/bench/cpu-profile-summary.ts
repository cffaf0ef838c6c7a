import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `function (file:line)`, the file shortened to what follows node_modules/ or the repository. */
  where: string;
  ms: number;
}

export interface ProfileSummary {
  wallMs: number;
  /** Sampled time not spent idle: JS, GC, native code the thread ran. */
  busyMs: number;
  top: SelfTime[];
  /** Self time summed per package or project folder (`kafkajs`, `zod`, `pipelines/validate`, `(garbage collector)`, …). */
  byArea: SelfTime[];
}

/**
 * Self time per function of a V8 `.cpuprofile` (`node --cpu-prof`): each sample's time goes to the
 * function on top of the stack then. Between `fromUs` and `toUs` (µs after the profile's start) when
 * given, so the catch-up can be told from the start-up before it.
 */
export function summariseCpuProfile(file: string, topN = 25, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = profile.startTime;
  let wall = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const sinceStart = t - profile.startTime;
    if (window && (sinceStart < window.fromUs || sinceStart > window.toUs)) continue;
    wall += delta;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + delta);
  }
  const perWhere = new Map<string, number>();
  const perArea = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') idle += us;
    const file = shortFile(frame.url);
    const where = `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
    perWhere.set(where, (perWhere.get(where) ?? 0) + us);
    const area = areaOf(frame.url, frame.functionName);
    perArea.set(area, (perArea.get(area) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([where, us]) => ({ where, ms: us / 1000 }));
  return { wallMs: wall / 1000, busyMs: (wall - idle) / 1000, top: sorted(perWhere, topN), byArea: sorted(perArea, 15) };
}

function shortFile(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const repo = /\/(pipelines|domain|contracts|areas|tests)\//.exec(url);
  return repo ? url.slice(repo.index + 1) : url.replace(/^node:/, '');
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const repo = /\/((?:pipelines|domain|contracts|areas)\/[^/]+)\//.exec(url);
  if (repo) return repo[1]!;
  return url.startsWith('node:') ? 'node' : url;
}
