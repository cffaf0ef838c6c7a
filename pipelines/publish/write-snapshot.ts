import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LATEST_POINTER, SNAPSHOT_META, SNAPSHOT_TABLES, snapshotFileName } from '@wijksignaal/contracts/snapshot';

/** How each serving table is filled from the live database. Raw signals never leave the pipeline. */
const COPIES: Record<Exclude<keyof typeof SNAPSHOT_TABLES, 'meta'>, string> = {
  areas: 'SELECT code, name, gemeente_code, gemeente_name, year, residents, geometry FROM areas',
  population: 'SELECT code, year, band, residents FROM population',
  weekly_counts: 'SELECT wijk, week, theme, category, source_kind, age_band, n, signals, high FROM weekly_counts ORDER BY theme, week, wijk',
  alarms: 'SELECT * FROM alarms',
  priorities: 'SELECT * FROM priorities',
  ingest_status: 'SELECT partner, outcome, n, last_seen FROM ingest_counts',
};

export interface SnapshotWriteOptions {
  dir: string;
  sequence: number;
  /** Extra meta entries (consumer lag, area source); sequence, created_at and offsets are added here. */
  meta: Record<string, string>;
  now: Date;
}

/**
 * Writes serving-<seq>.duckdb from one consistent read of the live database and then moves the LATEST
 * pointer with an atomic rename, so a reader sees either the old snapshot or the complete new one.
 */
export async function writeSnapshot(conn: DuckDBConnection, opts: SnapshotWriteOptions): Promise<string> {
  const fileName = snapshotFileName(opts.sequence);
  const partial = join(opts.dir, `${fileName}.partial`);
  rmSync(partial, { force: true }); // a leftover of an interrupted attempt
  await conn.run(`ATTACH '${partial.replaceAll("'", "''")}' AS snap`);
  try {
    await conn.run('BEGIN');
    for (const [table, ddl] of Object.entries(SNAPSHOT_TABLES)) {
      await conn.run(ddl.replace(`CREATE TABLE ${table}`, `CREATE TABLE snap.${table}`));
    }
    for (const [table, select] of Object.entries(COPIES)) {
      await conn.run(`INSERT INTO snap.${table} ${select}`);
    }
    const offsets = await conn.runAndReadAll(
      `SELECT coalesce(json_group_object(topic || ':' || "partition", next_offset::VARCHAR)::VARCHAR, '{}') FROM consumer_offsets`,
    );
    const meta: Record<string, string> = {
      ...opts.meta,
      [SNAPSHOT_META.sequence]: String(opts.sequence),
      [SNAPSHOT_META.createdAt]: opts.now.toISOString(),
      [SNAPSHOT_META.offsets]: String(offsets.getRows()[0]?.[0] ?? '{}'),
    };
    await conn.run(
      `INSERT INTO snap.meta SELECT unnest(from_json($1::JSON, '["VARCHAR"]')), unnest(from_json($2::JSON, '["VARCHAR"]'))`,
      [JSON.stringify(Object.keys(meta)), JSON.stringify(Object.values(meta))],
    );
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await conn.run('DETACH snap');
  }
  renameSync(partial, join(opts.dir, fileName));
  const pointerTmp = join(opts.dir, `${LATEST_POINTER}.tmp`);
  writeFileSync(pointerTmp, `${fileName}\n`);
  renameSync(pointerTmp, join(opts.dir, LATEST_POINTER));
  return fileName;
}
