import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildService, LogEvent } from '../support/pipeline-process.ts';
import { benchRegistry } from './bench-registry.ts';
import { formatNumber } from './bench-report.ts';
import { ingestRunSetup } from './ingest-run-setup.ts';
import { summariseCpuProfile } from './cpu-profile-summary.ts';
import { ingestStage } from './ingest-stage.ts';
import { describeThreadCpu, sampleThreadCpu, type ThreadCpuSampler } from './thread-cpu.ts';

/**
 * Stage [1] of the bench with the pipeline under `node --cpu-prof` (its validation worker too), for finding
 * where the ingest's time goes: the kcat baseline and the pipeline's rate as in `ingest-alone.ts`, then per
 * thread the CPU it used over the catch-up (from /proc: busy threads against waiting ones), the commits'
 * time split into waiting for the write queue and writing, and the self time per function and per package
 * of each thread's profile over the catch-up. Profiling slows JavaScript by a few per cent; compare rates
 * with `ingest-alone.ts`, not with this. `BENCH_PROFILE_DIR` keeps the .cpuprofile files (default: removed).
 * Same environment as the bench otherwise (`BENCH_SIGNALS`, `DATA_DIR`, `KAFKA_BROKERS`).
 */
async function main(): Promise<void> {
  const { config, say, load, runDir, broker } = await ingestRunSetup('ingest profile', 'profile');
  const profileDir = process.env.BENCH_PROFILE_DIR ?? join(runDir, 'cpuprofile');
  mkdirSync(profileDir, { recursive: true });
  let pipeline: ChildService | null = null;
  let spawnedAt = 0;
  let sampler: ThreadCpuSampler | undefined;
  try {
    const area = await benchRegistry();
    const { kcatPerSec, ingest } = await ingestStage({
      config,
      brokers: broker.brokers,
      runDir,
      area,
      say: () => undefined,
      pipeline: {
        env: { NODE_OPTIONS: process.env.BENCH_PROFILE_FLAGS ?? `--cpu-prof --cpu-prof-dir=${profileDir}` },
        onSpawn: (child) => {
          pipeline = child;
          spawnedAt = Date.now();
          sampler = sampleThreadCpu(child.child.pid!);
        },
      },
    });
    sampler?.stop();
    say(`kcat -C: ${formatNumber(kcatPerSec)} signals/s (load ${load()})`);
    say(
      `pipeline (${process.env.BENCH_PROFILE_FLAGS === '' ? 'not profiled' : 'profiled'}): ${formatNumber(ingest.signalsPerSec)} signals/s over ${ingest.seconds.toFixed(1)} s, ` +
        `${formatNumber(ingest.batches)} batches; peak RSS ${formatNumber(ingest.peakRssMb ?? NaN)} MB (load ${load()})`,
    );
    const events = ingest.pipeline.events;
    const assigned = Date.parse(String(events.find((e) => e.event === 'consumer.assigned')?.at));
    const end = assigned + ingest.seconds * 1000;
    describeThreadCpu(sampler!.between(assigned, end), ingest.committed, say);
    describeCommits(events, assigned, end, say);
    describeSideWork(events, assigned, end, say);
    await ingest.pipeline.stop();
    pipeline = null;
    for (const file of readdirSync(profileDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort()) {
      const p = summariseCpuProfile(join(profileDir, file), 25, profileWindow(file, spawnedAt, assigned, end));
      say(`\n${file}: ${formatNumber(p.busyMs)} ms busy of ${formatNumber(p.wallMs)} ms sampled over the catch-up`);
      say('  self time per package or folder:');
      for (const a of p.byArea) say(`    ${formatNumber(a.ms).padStart(7)} ms  ${a.where}`);
      say('  self time per function:');
      for (const f of p.top) say(`    ${formatNumber(f.ms).padStart(7)} ms  ${f.where}`);
    }
  } finally {
    sampler?.stop();
    await (pipeline as ChildService | null)?.stop().catch(() => undefined);
    await broker.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

/**
 * Per commit: validating, waiting for the write queue, writing; summed, so the queue's share shows. Then
 * how much of the catch-up no batch was in hand at all: the consumer waiting for a fetch (kafkajs fetches
 * again only once every batch of the last fetch is handled).
 */
function describeCommits(events: readonly LogEvent[], from: number, to: number, say: (line: string) => void): void {
  const commits = events.filter((e) => e.event === 'batch.committed');
  const sum = (key: string) => formatNumber(commits.reduce((a, e) => a + Number(e[key] ?? 0), 0));
  say(
    `batch time summed over ${commits.length} commits: validate ${sum('validateMs')} ms, dead letters ${sum('deadLetterMs')} ms, ` +
      `waiting for the write queue ${sum('queueMs')} ms, writing ${sum('commitMs')} ms (write, both: ${sum('writeMs')} ms)`,
  );
  const spans = commits
    .map((e) => {
      const end = Date.parse(String(e.at));
      return [end - Number(e.validateMs) - Number(e.deadLetterMs) - Number(e.writeMs), end] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let idle = 0;
  let covered = from;
  for (const [start, end] of spans) {
    if (start > covered) idle += Math.min(start, to) - covered;
    covered = Math.max(covered, end);
  }
  say(`no batch in hand (waiting for a fetch) ${formatNumber(idle)} ms of the catch-up's ${formatNumber(to - from)} ms`);
}

/** Snapshots and compactions that ran during the catch-up: their writes share the two cores with the ingest. */
function describeSideWork(events: readonly LogEvent[], from: number, to: number, say: (line: string) => void): void {
  const during = events.filter((e) => {
    const at = Date.parse(String(e.at));
    return at >= from && at <= to;
  });
  for (const kind of ['snapshot.published', 'cube.compacted', 'analysis.done']) {
    const ms = during.filter((e) => e.event === kind).map((e) => Number(e.ms ?? 0));
    say(`${kind} during the catch-up: ${ms.length}, ${formatNumber(ms.reduce((a, b) => a + b, 0))} ms in all`);
  }
}

/**
 * The catch-up in a profile's clock, which starts with its thread: the main thread's (thread id 0 in the
 * file name, `CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile`) at the spawn, close enough at the scale of
 * a catch-up of many seconds. A worker starts with the first batch and the pipeline is stopped right after
 * the catch-up, so a worker's whole profile is taken.
 */
function profileWindow(file: string, spawnedAt: number, from: number, to: number): { fromUs: number; toUs: number } | undefined {
  const tid = file.split('.').at(-3);
  return tid === '0' ? { fromUs: (from - spawnedAt) * 1000, toUs: (to - spawnedAt) * 1000 } : undefined;
}

main().catch((error: unknown) => {
  console.error(`ingest-profile: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
