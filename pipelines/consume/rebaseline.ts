import type { DuckDBConnection } from '@duckdb/node-api';
import type { Admin } from 'kafkajs';
import type { Log } from '../log/logger.ts';
import type { StoredOffsets } from '../store/read-state.ts';
import { setStoredOffset } from '../store/set-stored-offset.ts';
import { readWatermarks } from './consumer-lag.ts';
import { watermarkProblems } from './offset-guard.ts';

/**
 * `--rebaseline`: every partition whose offsets no longer fit the broker's continues from the broker's log
 * start. The operator has looked at why; re-reading is safe because an id is only ever counted once.
 */
export async function rebaselineOffsets(
  db: DuckDBConnection,
  admin: Admin,
  topics: readonly string[],
  stored: StoredOffsets,
  log: Log,
): Promise<void> {
  const watermarks = await readWatermarks(admin, topics);
  for (const problem of watermarkProblems(stored, watermarks)) {
    const next = watermarks.find((w) => w.topic === problem.topic && w.partition === problem.partition)!.low;
    await setStoredOffset(db, problem.topic, problem.partition, next);
    stored.get(problem.topic)?.set(problem.partition, next);
    log('offsets.rebaselined', { ...problem, next: String(next) }, 'warn');
  }
}
