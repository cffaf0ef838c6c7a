import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';

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
