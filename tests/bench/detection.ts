import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface DetectionFigures {
  detectFullSeconds: number;
  detectIncrementalMs: number;
  series: number;
  /** The first run a week later: only the weeks the new week changed. */
  detectNewWeekMs: number;
  /** A restart with the alarms marker current. */
  restartMs: number;
  /** CPU time of the process, worker threads included: on a shared machine the fairer figure. */
  cpu: { fullSeconds: number; incrementalMs: number };
}

export type DetectionOutcome = { measured: true; figures: DetectionFigures } | { measured: false; reason: string };

const MODULE = resolve(import.meta.dirname, '../../pipelines/analyse/bench-detection.ts');

/**
 * The detection chain's own benchmark (pipelines/analyse/bench-detection.ts): every wijk × theme × four
 * years, and one incremental batch touching 1% of the series. Loaded at run time so the rest of the bench
 * still runs while that module is missing or broken.
 */
export async function measureDetection(seed: number): Promise<DetectionOutcome> {
  if (!existsSync(MODULE)) return { measured: false, reason: 'module missing' };
  type BenchModule = { benchDetection?: (opts: { seed: number }) => Promise<DetectionFigures> };
  let mod: BenchModule;
  try {
    mod = (await import(pathToFileURL(MODULE).href)) as BenchModule;
  } catch (error) {
    return { measured: false, reason: `module failed to load: ${firstLine(error)}` };
  }
  if (typeof mod.benchDetection !== 'function') return { measured: false, reason: 'module does not export benchDetection' };
  try {
    return { measured: true, figures: await mod.benchDetection({ seed }) };
  } catch (error) {
    return { measured: false, reason: `failed: ${firstLine(error)}` };
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
