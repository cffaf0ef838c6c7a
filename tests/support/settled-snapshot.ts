import { consumedInMeta, latestSnapshotFile, latestSnapshotMeta } from './read-snapshot.ts';
import type { ChildService } from './pipeline-process.ts';
import { waitFor } from './wait-for.ts';

/**
 * The path of the newest serving snapshot once `consumed` signals are in it and in every period they
 * touch. The first snapshot to consume them may be a light one (only the weeks just touched:
 * `pipelines/publish/README.md`), whose 4-week periods, quarters and years follow in the next heavy one, so
 * this also waits for the pipeline to log a heavy snapshot at or after it with no periods left waiting.
 */
export async function settledSnapshot(pipeline: ChildService, snapshots: string, consumed: number): Promise<string> {
  const meta = await waitFor(
    async () => {
      const latest = await latestSnapshotMeta(snapshots);
      return consumedInMeta(latest) === consumed ? latest : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, what: `a snapshot with all ${consumed} signals consumed` },
  );
  const sequence = Number(meta!.sequence);
  await pipeline.waitForEvent(
    (e) => e.event === 'snapshot.published' && Number(e.sequence) >= sequence && e.light === false && e.waiting === 0,
    `a heavy snapshot from sequence ${sequence} on with no periods waiting`,
    120_000,
  );
  return latestSnapshotFile(snapshots);
}
