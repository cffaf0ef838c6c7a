import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Log } from '../log/logger.ts';
import { pruneSignals } from './prune-signals.ts';
import { writeBatch, type BatchWrite } from './write-batch.ts';

export interface WriteSerialiser {
  /** Commits one batch (rows, cube, counters, offsets) after every write queued before it. */
  write(batch: BatchWrite): Promise<void>;
  stop(): void;
}

/**
 * The one writer connection, shared by both consumers and the ledger's pruning: their transactions must
 * not interleave, so every write waits for the one before it. The signal ledger keeps RETENTION_WEEKS of
 * weeks: pruned at start and every six hours, in the same queue.
 */
export function createWriteSerialiser(
  db: DuckDBConnection,
  opts: { retentionWeeks: number; now: () => Date; log: Log },
): WriteSerialiser {
  let queue: Promise<unknown> = Promise.resolve();
  const prune = () => {
    queue = queue
      .then(() => pruneSignals(db, isoWeekFromDate(opts.now()), opts.retentionWeeks))
      .then((removed) => removed > 0 && opts.log('signals.pruned', { removed, retentionWeeks: opts.retentionWeeks }))
      .catch((error: unknown) => opts.log('signals.prune_failed', { error: (error as Error).message.split('\n')[0] }, 'error'));
  };
  prune();
  const pruneTimer = setInterval(prune, 6 * 3_600_000);
  pruneTimer.unref();
  return {
    write(batch) {
      const next = queue.then(() => writeBatch(db, batch));
      queue = next.catch(() => undefined);
      return next;
    },
    stop: () => clearInterval(pruneTimer),
  };
}
