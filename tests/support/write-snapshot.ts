import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { LATEST_POINTER, snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { writeSnapshot as publishSnapshot } from '@wijksignaal/pipelines/publish/write-snapshot';
import { ACTION_SCHEMA } from '@wijksignaal/pipelines/store/action-schema';
import { DELIVERY_SCHEMA } from '@wijksignaal/pipelines/store/delivery-schema';
import { LIVE_SCHEMA, REGISTRY_SCHEMA } from '@wijksignaal/pipelines/store/live-schema';
import { fillLiveDb } from './fill-live-db.ts';

export { defaultKeySum } from './fill-live-db.ts';

/**
 * Serving snapshots for tests, made by the pipeline's own code: the given rows go into a live-shaped
 * in-memory DuckDB (the live schema), the optional `analyse` hook runs there (the pipeline's detection and
 * priority score), and the pipeline's `writeSnapshot` builds the file — so `published_counts` is perturbed
 * and withheld exactly as in production, and tests assert against what that table holds.
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
/** One cube row; rows with the same six coordinates are added up into one cell, as ingestion would. */
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
  /** The row's sum of record keys (0 … 2^32 − 1); default: a hash of its coordinates and n. */
  keySum?: number;
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
  /** The published weekly count detection saw; the snapshot withholds 1 … k−1 (NULL). */
  observed: number | null;
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
  /** The pipeline's k for the published table (default 5); it is written to the snapshot's meta. */
  k?: number;
  /**
   * Runs on the live database after the rows are in and before the snapshot is written, e.g. the
   * pipeline's own `refreshAlarms` and `refreshPriorities`, so alarms and priorities are as it stores them.
   */
  analyse?: (conn: DuckDBConnection, context: { k: number }) => Promise<void>;
  /** Extra meta keys; sequence, created_at, offsets and disclosure_k are written by the pipeline. */
  meta?: Record<string, string>;
  /** Extra SQL run on the live database after the rows are inserted (live schema: `cell` and `key_sum` too). */
  sql?: string[];
}
export interface WriteSnapshotOptions {
  createdAt?: string;
  /** Move LATEST to the new file (default true). */
  publish?: boolean;
}

export const DEFAULT_TEST_K = 5;

export async function writeSnapshot(
  dir: string,
  sequence: number,
  content: SnapshotContent,
  options: WriteSnapshotOptions = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const k = content.k ?? DEFAULT_TEST_K;
  // The pipeline writes and promotes in its own folder; the finished file is then moved here, so LATEST
  // in `dir` moves only when asked and only after the file is complete.
  const staging = await mkdtemp(join(dir, `.staging-${sequence}-`));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const ddl of [...LIVE_SCHEMA, ...DELIVERY_SCHEMA, ...ACTION_SCHEMA, ...REGISTRY_SCHEMA]) await conn.run(ddl);
    await fillLiveDb(conn, content);
    for (const statement of content.sql ?? []) await conn.run(statement);
    if (content.analyse) await content.analyse(conn, { k });
    const now = new Date(options.createdAt ?? new Date().toISOString());
    const fileName = await publishSnapshot(conn, { dir: staging, sequence, meta: content.meta ?? {}, now, k });
    await rename(join(staging, fileName), join(dir, fileName));
    if (options.publish ?? true) await pointLatestAt(dir, fileName);
    return fileName;
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(staging, { recursive: true, force: true });
  }
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
