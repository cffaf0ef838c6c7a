import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isoWeekFromMondayDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import {
  LATEST_POINTER,
  SNAPSHOT_META,
  snapshotFileName,
  type PublishedDimension,
  type PublishedLevel,
} from '@wijksignaal/contracts/snapshot';

/** Runs a query on a DuckDB file opened read-only, then closes it. */
export async function queryFile(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    const reader = await conn.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    conn.closeSync();
    return rows;
  } finally {
    instance.closeSync();
  }
}

/** The newest published snapshot's meta as key → value, or null before the first one. */
export async function latestSnapshotMeta(snapshotDir: string): Promise<Record<string, string> | null> {
  const pointer = join(snapshotDir, LATEST_POINTER);
  if (!existsSync(pointer)) return null;
  const file = join(snapshotDir, readFileSync(pointer, 'utf8').trim());
  try {
    const rows = await queryFile(file, 'SELECT key, value FROM meta');
    return Object.fromEntries(rows.map((r) => [String(r.key), String(r.value)]));
  } catch {
    return null; // pruned between reading the pointer and opening the file: ask again
  }
}

/** Sum of the next offsets in a snapshot's meta, i.e. how many messages it has consumed. */
export function consumedInMeta(meta: Record<string, string> | null): number {
  if (!meta?.offsets) return 0;
  return Object.values(JSON.parse(meta.offsets) as Record<string, string>).reduce((s, v) => s + Number(v), 0);
}

/** The file `LATEST` names in a snapshot folder. */
export function latestSnapshotFile(snapshotDir: string): string {
  return join(snapshotDir, readFileSync(join(snapshotDir, LATEST_POINTER), 'utf8').trim());
}

/** Coordinates of one published cell; `to` defaults to `from` (a week), dimension to the total. */
export interface CellAddress {
  theme: string;
  level?: PublishedLevel;
  area: string;
  from: IsoWeek;
  to?: IsoWeek;
  dimension?: PublishedDimension;
  value?: string;
}

/** What a snapshot's `published_counts` holds, for tests to compare responses with. */
export interface PublishedTable {
  k: number;
  /** The published count, or null when the table does not show the cell (no row: withheld, `<k`). */
  count(cell: CellAddress): number | null;
  /** The cell as every response must show it: the number, or `{ suppressed: true, display: '<k' }`. */
  shown(cell: CellAddress): number | { suppressed: true; display: string };
  /** Every row, as read. */
  rows: {
    theme: string;
    level: string;
    area: string;
    from: IsoWeek;
    to: IsoWeek;
    dimension: string;
    value: string;
    count: number | null;
  }[];
}

/** Reads a snapshot file's published table and its k (meta `disclosure_k`). */
export async function readPublishedTable(file: string): Promise<PublishedTable> {
  const meta = await queryFile(file, `SELECT value FROM meta WHERE key = '${SNAPSHOT_META.disclosureK}'`);
  const k = Number(meta[0]?.value);
  const rows = (
    await queryFile(
      file,
      `SELECT theme, level, area, strftime(period_from, '%Y-%m-%d') AS f, strftime(period_to, '%Y-%m-%d') AS t,
              dimension, value, count::DOUBLE AS count FROM published_counts`,
    )
  ).map((r) => ({
    theme: String(r.theme),
    level: String(r.level),
    area: String(r.area),
    from: isoWeekFromMondayDate(String(r.f)),
    to: isoWeekFromMondayDate(String(r.t)),
    dimension: String(r.dimension),
    value: String(r.value),
    count: r.count === null ? null : Number(r.count),
  }));
  const key = (c: Required<CellAddress>) => [c.theme, c.level, c.area, c.from, c.to, c.dimension, c.value].join('|');
  const byKey = new Map(rows.map((r) => [key(r as Required<CellAddress>), r.count]));
  const count = (c: CellAddress): number | null => {
    const full = { level: 'wijk' as const, to: c.from, dimension: 'total' as const, value: '', ...c };
    return byKey.get(key(full)) ?? null;
  };
  return {
    k,
    rows,
    count,
    shown: (c) => {
      const n = count(c);
      return n === null ? { suppressed: true, display: `<${k}` } : n;
    },
  };
}

/**
 * The published table of the snapshot with this sequence (what a response with that `snapshotSequence`
 * must show), or null when the pipeline has pruned the file meanwhile (ask a newer answer).
 */
export async function publishedTableOf(snapshotDir: string, sequence: number): Promise<PublishedTable | null> {
  const file = join(snapshotDir, snapshotFileName(sequence));
  if (!existsSync(file)) return null;
  try {
    return await readPublishedTable(file);
  } catch {
    return null; // pruned while being opened
  }
}
