import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Log } from '../log/logger.ts';
import { compactCube } from './compact-cube.ts';
import { compactionDue } from './compaction-due.ts';
import { pruneSignals } from './prune-signals.ts';
import { writeBatch, type BatchWrite } from './write-batch.ts';

export interface WriteSerialiser {
  /** Commits one batch (rows, cube, counters, offsets) after every write queued before it. */
  write(batch: BatchWrite): Promise<void>;
  /**
   * Like `write`, but the batch is made when its turn comes, after every write queued before it has
   * committed (or failed), and `committed` runs right after its own commit, before the next batch is
   * made: what a batch makes from the committed state (which of its ids are new) sees every batch queued
   * before it, whichever partition or consumer it came from.
   */
  commit(make: () => Promise<BatchWrite>, committed?: (batch: BatchWrite) => void): Promise<BatchWrite>;
  stop(): void;
}

/**
 * The one writer connection, shared by both consumers, the ledger's pruning and the cube's compaction:
 * their transactions must not interleave, so every write waits for the one before it. The signal ledger
 * keeps RETENTION_WEEKS of weeks: pruned at start and every six hours, in the same queue. The cube is
 * compacted in the same queue once enough rows were appended (`compactionDue`).
 */
export function createWriteSerialiser(
  db: DuckDBConnection,
  opts: { retentionWeeks: number; now: () => Date; log: Log; cubeRows: number },
): WriteSerialiser {
  let queue: Promise<unknown> = Promise.resolve();
  // Rows in cube_rows after the last compaction (at start: all of them) and appended since.
  let rowsAfterCompaction = opts.cubeRows;
  let appended = 0;
  const compact = () => {
    appended = 0;
    queue = queue
      .then(async () => {
        const started = performance.now();
        const rows = await compactCube(db);
        opts.log('cube.compacted', { rowsAfterLast: rowsAfterCompaction, rows, ms: Math.round(performance.now() - started) });
        rowsAfterCompaction = rows;
      })
      .catch((error: unknown) => opts.log('cube.compact_failed', { error: (error as Error).message.split('\n')[0] }, 'error'));
  };
  const prune = () => {
    queue = queue
      .then(() => pruneSignals(db, isoWeekFromDate(opts.now()), opts.retentionWeeks))
      .then((removed) => removed > 0 && opts.log('signals.pruned', { removed, retentionWeeks: opts.retentionWeeks }))
      .catch((error: unknown) => opts.log('signals.prune_failed', { error: (error as Error).message.split('\n')[0] }, 'error'));
  };
  prune();
  const pruneTimer = setInterval(prune, 6 * 3_600_000);
  pruneTimer.unref();
  const commit: WriteSerialiser['commit'] = (make, committed) => {
    const next = queue.then(async () => {
      const batch = await make();
      await writeBatch(db, batch);
      committed?.(batch);
      appended += batch.cells.length;
      if (compactionDue(appended, rowsAfterCompaction)) compact();
      return batch;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    commit,
    write: (batch) => commit(() => Promise.resolve(batch)).then(() => undefined),
    stop: () => clearInterval(pruneTimer),
  };
}
