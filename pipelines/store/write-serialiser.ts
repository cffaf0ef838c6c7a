import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Log } from '../log/logger.ts';
import { compactCube } from './compact-cube.ts';
import { compactionDue } from './compaction-due.ts';
import { pruneSignals } from './prune-signals.ts';
import { writeBatchRows, type BatchWrite } from './write-batch.ts';

export interface WriteSerialiser {
  /** Commits one batch (rows, cube, counters, offsets) after every write queued before it. */
  write(batch: BatchWrite): Promise<void>;
  /**
   * Like `write`, but the batch is made when its turn comes, after every write queued before it was
   * written, and `written` runs right after its own rows are, before the next batch is made: what a batch
   * makes from the written state (which of its ids are new) sees every batch queued before it, whichever
   * partition or consumer it came from. Resolves once the batch is committed.
   */
  commit(make: () => Promise<BatchWrite>, written?: (batch: BatchWrite) => void): Promise<BatchWrite>;
  stop(): void;
}

/** Batches committed in one transaction at most (a fetch brings one per partition of each topic). */
const MAX_GROUP = 16;
/** After a group failed, each batch gets a transaction of its own for this long: one that keeps failing fails alone. */
const ALONE_AFTER_FAILURE_MS = 60_000;

interface BatchTask {
  make: () => Promise<BatchWrite>;
  written?: (batch: BatchWrite) => void;
  resolve: (batch: BatchWrite) => void;
  reject: (error: unknown) => void;
}

/** Pruning and compaction: run between transactions, in queue order. */
type Task = BatchTask | { maintenance: () => Promise<void> };

/**
 * The one writer connection, shared by both consumers, the ledger's pruning and the cube's compaction:
 * their transactions must not interleave, so every write waits for the one before it. The batches that
 * wait when the writer is free are committed in one transaction (a group commit), each with its own
 * offsets row: a transaction's fixed cost (about 100 ms of wall time on a busy two-core machine) is then
 * paid once per turn instead of once per partition batch, so a batch waits less behind the others. If the
 * transaction fails, every batch in it fails (none is committed; their consumers fetch them again). The
 * signal ledger keeps RETENTION_WEEKS of weeks: pruned at start and every six hours, in the same queue.
 * The cube is compacted in the same queue once enough rows were appended (`compactionDue`).
 */
export function createWriteSerialiser(
  db: DuckDBConnection,
  opts: { retentionWeeks: number; now: () => Date; log: Log; cubeRows: number },
): WriteSerialiser {
  const tasks: Task[] = [];
  let draining = false;
  let aloneUntil = 0;
  // Rows in cube_rows after the last compaction (at start: all of them) and appended since.
  let rowsAfterCompaction = opts.cubeRows;
  let appended = 0;

  const enqueue = (task: Task) => {
    tasks.push(task);
    if (!draining) void drain();
  };
  async function drain(): Promise<void> {
    draining = true;
    try {
      while (tasks.length > 0) {
        const head = tasks[0]!;
        if ('maintenance' in head) {
          tasks.shift();
          await head.maintenance();
          continue;
        }
        const limit = Date.now() < aloneUntil ? 1 : MAX_GROUP;
        let n = 1;
        while (n < tasks.length && n < limit && !('maintenance' in tasks[n]!)) n++;
        await commitGroup(tasks.splice(0, n) as BatchTask[]);
      }
    } finally {
      draining = false;
    }
  }
  async function commitGroup(group: BatchTask[]): Promise<void> {
    const batches: BatchWrite[] = [];
    try {
      await db.run('BEGIN');
      try {
        for (const task of group) {
          const batch = await task.make();
          await writeBatchRows(db, batch);
          task.written?.(batch);
          batches.push(batch);
        }
        await db.run('COMMIT');
      } catch (error) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (group.length > 1) aloneUntil = Date.now() + ALONE_AFTER_FAILURE_MS;
      for (const task of group) task.reject(error);
      return;
    }
    for (const batch of batches) appended += batch.cells.length;
    if (compactionDue(appended, rowsAfterCompaction)) compact();
    group.forEach((task, i) => task.resolve(batches[i]!));
  }

  const compact = () => {
    appended = 0;
    enqueue({
      maintenance: async () => {
        try {
          const started = performance.now();
          const rows = await compactCube(db);
          opts.log('cube.compacted', { rowsAfterLast: rowsAfterCompaction, rows, ms: Math.round(performance.now() - started) });
          rowsAfterCompaction = rows;
        } catch (error) {
          opts.log('cube.compact_failed', { error: (error as Error).message.split('\n')[0] }, 'error');
        }
      },
    });
  };
  const prune = () =>
    enqueue({
      maintenance: async () => {
        try {
          const removed = await pruneSignals(db, isoWeekFromDate(opts.now()), opts.retentionWeeks);
          if (removed > 0) opts.log('signals.pruned', { removed, retentionWeeks: opts.retentionWeeks });
        } catch (error) {
          opts.log('signals.prune_failed', { error: (error as Error).message.split('\n')[0] }, 'error');
        }
      },
    });
  prune();
  const pruneTimer = setInterval(prune, 6 * 3_600_000);
  pruneTimer.unref();

  const commit: WriteSerialiser['commit'] = (make, written) =>
    new Promise<BatchWrite>((resolve, reject) => enqueue({ make, written, resolve, reject }));
  return {
    commit,
    write: (batch) => commit(() => Promise.resolve(batch)).then(() => undefined),
    stop: () => clearInterval(pruneTimer),
  };
}
