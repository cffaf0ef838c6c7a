import type { LogEvent } from '../support/pipeline-process.ts';
import { describeHops, type LatencyHops } from './latency-hops.ts';
import { percentile } from './percentile.ts';

export interface PipelineActivity {
  batches: number;
  snapshotsPublished: number;
  /** Of those, light ones (the week periods just touched, `pipelines/publish`). */
  lightSnapshots: number;
  snapshotsFailed: number;
  publishP50Ms: number;
  publishMaxMs: number;
  /** Median milliseconds per step of the snapshot writes (`copyMs`, `countsMs`, `detachMs`…, as logged). */
  publishStepsP50Ms: Record<string, number>;
  /** Median size of the snapshot files written. */
  snapshotBytesP50: number;
  /** The first snapshot.failed error, if any. */
  firstFailure: string | null;
  /** Where the markers' produce-to-visible time went, when the stretch was a latency run. */
  hops?: LatencyHops;
}

/** What the pipeline reported in a stretch of its log: commits, and how long its snapshot writes took. */
export function pipelineActivity(events: readonly LogEvent[]): PipelineActivity {
  const published = events.filter((e) => e.event === 'snapshot.published');
  const publishes = published.map((e) => Number(e.ms));
  const failures = events.filter((e) => e.event === 'snapshot.failed');
  const steps = new Set(published.flatMap((e) => Object.keys(e).filter((key) => key.endsWith('Ms'))));
  const publishStepsP50Ms = Object.fromEntries(
    [...steps].map((step) => [
      step,
      percentile(
        published.map((e) => Number(e[step] ?? 0)),
        50,
      ),
    ]),
  );
  return {
    batches: events.filter((e) => e.event === 'batch.committed').length,
    snapshotsPublished: publishes.length,
    lightSnapshots: published.filter((e) => e.light === true).length,
    snapshotsFailed: failures.length,
    publishP50Ms: percentile(publishes, 50),
    publishMaxMs: publishes.length > 0 ? Math.max(...publishes) : Number.NaN,
    publishStepsP50Ms,
    snapshotBytesP50: percentile(published.map((e) => Number(e.bytes ?? Number.NaN)).filter(Number.isFinite), 50),
    firstFailure: failures[0] ? String(failures[0].error) : null,
  };
}

export function describeActivity(a: PipelineActivity): string {
  const steps = Object.entries(a.publishStepsP50Ms)
    .map(([step, ms]) => `${step.replace(/Ms$/, '')} ${Math.round(ms)}`)
    .join(', ');
  const size = Number.isFinite(a.snapshotBytesP50) ? `, file ${(a.snapshotBytesP50 / 2 ** 20).toFixed(1)} MB` : '';
  const writes =
    a.snapshotsPublished > 0
      ? ` (write time p50 ${Math.round(a.publishP50Ms)} ms, max ${Math.round(a.publishMaxMs)} ms; p50 per step in ms: ${steps}${size})`
      : '';
  const failed = a.snapshotsFailed > 0 ? `, ${a.snapshotsFailed} snapshot writes failed (${a.firstFailure})` : '';
  const hops = a.hops ? `; hops: ${describeHops(a.hops)}` : '';
  return `the pipeline committed ${a.batches} batches and published ${a.snapshotsPublished} snapshots (${a.lightSnapshots} light)${writes}${failed}${hops}`;
}
