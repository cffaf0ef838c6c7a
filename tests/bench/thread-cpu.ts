import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time each thread of a running process has used so far, summed per thread name
 * (`MainThread`, `WorkerThread`, `libuv-worker`, `V8Worker`, DuckDB's), from `/proc/<pid>/task/<tid>/stat`.
 * Taken before and after a stretch, the difference says which thread was busy and which waited. Empty
 * where there is no /proc or the process is gone.
 */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      byName.set(name, (byName.get(name) ?? 0) + seconds);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return byName;
}

/** `after − before` per thread name; threads that ended in between are missing from `after` and so left out. */
export function threadCpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [name, seconds] of after) delta.set(name, seconds - (before.get(name) ?? 0));
  return delta;
}

export interface ThreadCpuSampler {
  /** CPU seconds per thread name between the samples nearest to `from` and `to` (ms since the epoch), and the wall seconds between those samples. */
  between(from: number, to: number): { wallSeconds: number; cpu: Map<string, number> };
  stop(): void;
}

/** Samples `threadCpuSeconds(pid)` every `intervalMs` until stopped, so a stretch known only afterwards (a catch-up) can be cut out. */
export function sampleThreadCpu(pid: number, intervalMs = 250): ThreadCpuSampler {
  const samples = [{ at: Date.now(), cpu: threadCpuSeconds(pid) }];
  const timer = setInterval(() => samples.push({ at: Date.now(), cpu: threadCpuSeconds(pid) }), intervalMs);
  const near = (t: number) => samples.reduce((a, b) => (Math.abs(b.at - t) < Math.abs(a.at - t) ? b : a));
  return {
    between(from, to) {
      const a = near(from);
      const b = near(to);
      return { wallSeconds: (b.at - a.at) / 1000, cpu: threadCpuDelta(a.cpu, b.cpu) };
    },
    stop: () => clearInterval(timer),
  };
}

/** Per thread name its CPU seconds, share of a core and µs per signal; then the process's total per signal. */
export function describeThreadCpu(
  stretch: { wallSeconds: number; cpu: Map<string, number> },
  signals: number,
  say: (line: string) => void,
): void {
  const wall = stretch.wallSeconds;
  const perSignal = (seconds: number) => ((seconds / signals) * 1e6).toFixed(1);
  say(`  CPU per thread over the catch-up (${wall.toFixed(1)} s of wall time; 1.00 = one core all along):`);
  let total = 0;
  for (const [name, seconds] of [...stretch.cpu].sort((a, b) => b[1] - a[1])) {
    if (seconds <= 0) continue;
    total += seconds;
    say(
      `    ${name.padEnd(16)} ${seconds.toFixed(2).padStart(6)} s  ${(seconds / wall).toFixed(2)} of a core  ${perSignal(seconds)} µs/signal`,
    );
  }
  say(
    `    all threads      ${total.toFixed(2).padStart(6)} s  ${(total / wall).toFixed(2)} cores  ${perSignal(total)} µs/signal`,
  );
}
