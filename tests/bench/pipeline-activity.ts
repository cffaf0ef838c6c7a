import type { LogEvent } from '../support/pipeline-process.ts';
import { percentile } from './percentile.ts';

export interface PipelineActivity {
  batches: number;
  snapshotsPublished: number;
  snapshotsFailed: number;
  publishP50Ms: number;
  publishMaxMs: number;
  /** The first snapshot.failed error, if any. */
  firstFailure: string | null;
}

/** What the pipeline reported in a stretch of its log: commits, and how long its snapshot writes took. */
export function pipelineActivity(events: readonly LogEvent[]): PipelineActivity {
  const publishes = events.filter((e) => e.event === 'snapshot.published').map((e) => Number(e.ms));
  const failures = events.filter((e) => e.event === 'snapshot.failed');
  return {
    batches: events.filter((e) => e.event === 'batch.committed').length,
    snapshotsPublished: publishes.length,
    snapshotsFailed: failures.length,
    publishP50Ms: percentile(publishes, 50),
    publishMaxMs: publishes.length > 0 ? Math.max(...publishes) : Number.NaN,
    firstFailure: failures[0] ? String(failures[0].error) : null,
  };
}

export function describeActivity(a: PipelineActivity): string {
  const writes =
    a.snapshotsPublished > 0 ? ` (write time p50 ${Math.round(a.publishP50Ms)} ms, max ${Math.round(a.publishMaxMs)} ms)` : '';
  const failed = a.snapshotsFailed > 0 ? `, ${a.snapshotsFailed} snapshot writes failed (${a.firstFailure})` : '';
  return `the pipeline committed ${a.batches} batches and published ${a.snapshotsPublished} snapshots${writes}${failed}`;
}
