import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SNAPSHOT_TABLES, snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { fillAttached, promoteSnapshot, SNAPSHOT_COPIES, writeMeta, type SnapshotWriteOptions } from './snapshot-steps.ts';

export type { SnapshotWriteOptions } from './snapshot-steps.ts';

/** Period overviews read one theme and a range of weeks: stored in that order they touch few row groups. */
const CUBE_ORDER = ' ORDER BY theme, week, wijk';

/**
 * Writes serving-<seq>.duckdb in full from one consistent read of the live database and then moves the
 * LATEST pointer with an atomic rename, so a reader sees either the old snapshot or the complete new one.
 */
export async function writeSnapshot(conn: DuckDBConnection, opts: SnapshotWriteOptions): Promise<string> {
  const fileName = snapshotFileName(opts.sequence);
  const partial = join(opts.dir, `${fileName}.partial`);
  rmSync(partial, { force: true }); // a leftover of an interrupted attempt
  await fillAttached(conn, partial, async () => {
    for (const [table, ddl] of Object.entries(SNAPSHOT_TABLES)) {
      await conn.run(ddl.replace(`CREATE TABLE ${table}`, `CREATE TABLE snap.${table}`));
    }
    for (const [table, select] of Object.entries(SNAPSHOT_COPIES)) {
      await conn.run(`INSERT INTO snap.${table} ${select}${table === 'weekly_counts' ? CUBE_ORDER : ''}`);
    }
    await writeMeta(conn, opts);
  });
  promoteSnapshot(opts.dir, partial, fileName);
  return fileName;
}
