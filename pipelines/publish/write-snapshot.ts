import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SNAPSHOT_TABLES, snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { periodsOfCube, publishedCountsSelect, stagePublishedPeriods } from './published-counts.ts';
import { fillAttached, promoteSnapshot, snapshotCopies, writeMeta, type SnapshotWriteOptions } from './snapshot-steps.ts';
import { StepTimings } from './step-timings.ts';

export type { SnapshotWriteOptions } from './snapshot-steps.ts';

/**
 * Writes serving-<seq>.duckdb in full from one consistent read of the live database and then moves the
 * LATEST pointer with an atomic rename, so a reader sees either the old snapshot or the complete new one.
 */
export async function writeSnapshot(conn: DuckDBConnection, opts: SnapshotWriteOptions): Promise<string> {
  const fileName = snapshotFileName(opts.sequence);
  const partial = join(opts.dir, `${fileName}.partial`);
  rmSync(partial, { force: true }); // a leftover of an interrupted attempt
  const timings = opts.timings ?? new StepTimings();
  await timings.time('stageMs', async () => stagePublishedPeriods(conn, await periodsOfCube(conn)));
  await fillAttached(
    conn,
    partial,
    async () => {
      for (const [table, ddl] of Object.entries(SNAPSHOT_TABLES)) {
        await conn.run(ddl.replace(`CREATE TABLE ${table}`, `CREATE TABLE snap.${table}`));
      }
      for (const [table, select] of Object.entries(snapshotCopies(opts.k))) await conn.run(`INSERT INTO snap.${table} ${select}`);
      // Stored by theme, period and area, so a view of one period reads few row groups.
      await conn.run(`INSERT INTO snap.published_counts ${publishedCountsSelect(opts.k)}`);
      await writeMeta(conn, opts);
    },
    timings,
  );
  await timings.time('promoteMs', () => promoteSnapshot(opts.dir, partial, fileName));
  return fileName;
}
