import { DuckDBInstance } from '@duckdb/node-api';
import { SNAPSHOT_META, SNAPSHOT_TABLES } from '@wijksignaal/contracts/snapshot';
import { MIN_K } from '@wijksignaal/domain/disclosure/index';
import { ConnectionPool } from './connection-pool.ts';

/** What the API knows about the snapshot it is serving, read from the file's `meta` table. */
export interface SnapshotInfo {
  fileName: string;
  sequence: number;
  /** As the pipeline wrote it (ISO 8601). */
  createdAt: string;
  /** The k the pipeline built the published table with (meta `disclosure_k`): what every response says. */
  disclosureK: number;
  meta: Readonly<Record<string, string>>;
}

export interface OpenSnapshotOptions {
  /** DuckDB worker threads for this instance. */
  threads: number;
  /** Connections per instance. */
  poolSize: number;
}

export interface OpenSnapshotFile {
  info: SnapshotInfo;
  pool: ConnectionPool;
  close(): void;
}

/**
 * Opens one published snapshot read-only and checks it is one: every serving table present and a `meta`
 * table with a sequence and the k of its published counts (a table built with k below MIN_K is not served).
 * Throws with a one-line reason otherwise, leaving nothing open.
 */
export async function openSnapshotFile(path: string, fileName: string, options: OpenSnapshotOptions): Promise<OpenSnapshotFile> {
  const instance = await DuckDBInstance.create(path, {
    access_mode: 'READ_ONLY',
    threads: String(options.threads),
  });
  const pool = new ConnectionPool(instance, options.poolSize);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    pool.closeAll();
    instance.closeSync();
  };
  try {
    const conn = await pool.acquire();
    try {
      const tables = await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`);
      const present = new Set(tables.getRowsJS().map((row) => String(row[0])));
      const missing = Object.keys(SNAPSHOT_TABLES).filter((name) => !present.has(name));
      if (missing.length > 0) throw new Error(`missing table(s) ${missing.join(', ')}`);

      const metaRows = (await conn.runAndReadAll(`SELECT key, value FROM meta`)).getRowsJS();
      const meta: Record<string, string> = {};
      for (const [key, value] of metaRows) meta[String(key)] = String(value);
      const sequence = Number(meta[SNAPSHOT_META.sequence]);
      if (!Number.isSafeInteger(sequence)) throw new Error(`meta.${SNAPSHOT_META.sequence} is not an integer`);
      const disclosureK = Number(meta[SNAPSHOT_META.disclosureK]);
      if (!Number.isInteger(disclosureK) || disclosureK < MIN_K)
        throw new Error(`meta.${SNAPSHOT_META.disclosureK} is not a whole number of at least ${MIN_K}`);
      const createdAt = meta[SNAPSHOT_META.createdAt] ?? '';
      return { info: { fileName, sequence, createdAt, disclosureK, meta }, pool, close };
    } finally {
      pool.release(conn);
    }
  } catch (error) {
    close();
    throw error;
  }
}
