import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { LATEST_POINTER, SNAPSHOT_META, SNAPSHOT_TABLES, snapshotFileName } from '@wijksignaal/contracts/snapshot';

/**
 * Test-only publisher of serving snapshots for the API's tests. The pipeline has its own publisher; this
 * one writes the same tables (the contract DDL) from plain rows, then moves `LATEST` the same way: the
 * file is complete before the pointer is renamed over the old one.
 */
export interface SnapshotAreaRow {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  year: number;
  residents: number | null;
  geometry?: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}
export interface SnapshotPopulationRow {
  code: string;
  year: number;
  band: string;
  residents: number;
}
export interface SnapshotCountRow {
  wijk: string;
  week: IsoWeek;
  theme: string;
  n: number;
  category?: string;
  sourceKind?: string;
  ageBand?: string;
  signals?: number;
  high?: number;
}
export interface SnapshotIngestRow {
  partner: string;
  outcome: string;
  n: number;
  /** `YYYY-MM-DD HH:MM:SS` (UTC) or null. */
  lastSeen: string | null;
}
/** One stored detection result; `params` defaults to the baseline window as the pipeline stores it. */
export interface SnapshotAlarmRow {
  wijk: string;
  theme: string;
  week: IsoWeek;
  method: string;
  observed: number;
  expected: number | null;
  threshold: number | null;
  pValue?: number | null;
  alarm: boolean;
  level: 'none' | 'amber' | 'red';
  reason?: string | null;
  baselineFrom?: IsoWeek;
  baselineTo?: IsoWeek;
}

export interface SnapshotPriorityRow {
  wijk: string;
  rank: number;
  score: number;
  components: Record<string, unknown>;
}

export interface SnapshotContent {
  areas?: SnapshotAreaRow[];
  population?: SnapshotPopulationRow[];
  weeklyCounts?: SnapshotCountRow[];
  ingestStatus?: SnapshotIngestRow[];
  alarms?: SnapshotAlarmRow[];
  priorities?: SnapshotPriorityRow[];
  /**
   * Runs on the open snapshot after the rows are written, e.g. the pipeline's own `refreshAlarms` and
   * `refreshPriorities`, so tests serve alarms and priorities exactly as the pipeline stores them.
   */
  analyse?: (conn: DuckDBConnection) => Promise<void>;
  /** Extra meta keys; sequence and created_at are always written. */
  meta?: Record<string, string>;
  /** Extra SQL run after the rows are inserted, e.g. to generate a national-size cube. */
  sql?: string[];
}
export interface WriteSnapshotOptions {
  createdAt?: string;
  /** Move LATEST to the new file (default true). */
  publish?: boolean;
}

export async function writeSnapshot(
  dir: string,
  sequence: number,
  content: SnapshotContent,
  options: WriteSnapshotOptions = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const fileName = snapshotFileName(sequence);
  const tmpPath = join(dir, `.${fileName}.tmp-${process.pid}`);
  await rm(tmpPath, { force: true });
  const instance = await DuckDBInstance.create(tmpPath);
  const conn = await instance.connect();
  try {
    for (const ddl of Object.values(SNAPSHOT_TABLES)) await conn.run(ddl);
    await insertRows(conn, 'INSERT INTO areas VALUES ($1, $2, $3, $4, $5, $6, $7)', content.areas ?? [], (a) => [
      a.code,
      a.name,
      a.gemeenteCode,
      a.gemeenteName,
      a.year,
      a.residents,
      a.geometry ? JSON.stringify(a.geometry) : null,
    ]);
    await insertRows(conn, 'INSERT INTO population VALUES ($1, $2, $3, $4)', content.population ?? [], (p) => [
      p.code,
      p.year,
      p.band,
      p.residents,
    ]);
    await insertRows(
      conn,
      'INSERT INTO weekly_counts VALUES ($1, CAST($2 AS DATE), $3, $4, $5, $6, $7, $8, $9)',
      content.weeklyCounts ?? [],
      (w) => [
        w.wijk,
        mondayIsoDate(w.week),
        w.theme,
        w.category ?? 'unspecified',
        w.sourceKind ?? 'home_care',
        w.ageBand ?? '25-44',
        BigInt(w.n),
        BigInt(w.signals ?? w.n),
        BigInt(w.high ?? 0),
      ],
    );
    await insertRows(
      conn,
      'INSERT INTO ingest_status VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP))',
      content.ingestStatus ?? [],
      (s) => [s.partner, s.outcome, BigInt(s.n), s.lastSeen],
    );
    await insertRows(
      conn,
      'INSERT INTO alarms VALUES ($1, $2, CAST($3 AS DATE), $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12)',
      content.alarms ?? [],
      (a) => [
        a.wijk,
        a.theme,
        mondayIsoDate(a.week),
        a.method,
        a.observed,
        a.expected,
        a.threshold,
        a.pValue ?? null,
        a.alarm,
        a.level,
        a.reason ?? null,
        JSON.stringify(a.baselineFrom && a.baselineTo ? { baselineFrom: a.baselineFrom, baselineTo: a.baselineTo } : {}),
      ],
    );
    await insertRows(conn, 'INSERT INTO priorities VALUES ($1, $2, $3, $4)', content.priorities ?? [], (p) => [
      p.wijk,
      p.rank,
      p.score,
      JSON.stringify(p.components),
    ]);
    const meta: Record<string, string> = {
      ...content.meta,
      [SNAPSHOT_META.sequence]: String(sequence),
      [SNAPSHOT_META.createdAt]: options.createdAt ?? new Date().toISOString(),
    };
    await insertRows(conn, 'INSERT INTO meta VALUES ($1, $2)', Object.entries(meta), (entry) => entry);
    for (const statement of content.sql ?? []) await conn.run(statement);
    if (content.analyse) await content.analyse(conn);
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  await rename(tmpPath, join(dir, fileName));
  if (options.publish ?? true) await pointLatestAt(dir, fileName);
  return fileName;
}

/** Atomically replaces `LATEST` (write a temporary file, then rename over the pointer). */
export async function pointLatestAt(dir: string, fileName: string): Promise<void> {
  const tmp = join(dir, `.${LATEST_POINTER}.tmp-${process.pid}`);
  await writeFile(tmp, `${fileName}\n`);
  await rename(tmp, join(dir, LATEST_POINTER));
}

/** A file named like a snapshot that DuckDB cannot open, published through LATEST. */
export async function writeCorruptSnapshot(dir: string, sequence: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const fileName = snapshotFileName(sequence);
  await writeFile(join(dir, fileName), 'this is not a duckdb file\n'.repeat(100));
  await pointLatestAt(dir, fileName);
  return fileName;
}

async function insertRows<T>(
  conn: DuckDBConnection,
  sql: string,
  rows: readonly T[],
  toValues: (row: T) => DuckDBValue[],
): Promise<void> {
  if (rows.length === 0) return;
  const statement = await conn.prepare(sql);
  for (const row of rows) {
    statement.bind(toValues(row));
    await statement.run();
  }
}
