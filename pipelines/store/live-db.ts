import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CELL_KEY_MACRO } from './cell-key-macro.ts';
import { createActionTables } from './action-schema.ts';
import { createDeliveryTables } from './delivery-schema.ts';
import { LIVE_SCHEMA } from './live-schema.ts';
import { recordKeys, type RecordKey } from '../aggregate/record-key.ts';
import { migrateAppendOnlyCube } from './migrate-append-only-cube.ts';
import { migrateCellKey } from './migrate-cell-key.ts';
import { migrateRecordKeys } from './migrate-record-keys.ts';
import { migrateSlimLedger } from './migrate-slim-ledger.ts';
import { readRecordKeySecret } from './record-key-secret.ts';

export interface LiveDb {
  instance: DuckDBInstance;
  /** The connection every write goes through, one transaction at a time. */
  writer: DuckDBConnection;
  path: string;
  /** Record keys of this database's secret (cell-key perturbation). */
  recordKey: RecordKey;
  /** That secret, for the validation workers that compute record keys off the pipeline's thread. */
  recordKeySecret: string;
  close(): void;
}

export interface LiveDbOptions {
  path: string;
  memoryLimit: string;
  threads: number;
}

/**
 * Opens (or creates) the live database. After a crash DuckDB replays its write-ahead log here, so a
 * transaction is either fully present or absent. A large checkpoint threshold keeps checkpoints out of
 * the ingest hot path.
 */
export async function openLiveDb(opts: LiveDbOptions): Promise<LiveDb> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(opts.path, {
      memory_limit: opts.memoryLimit,
      threads: String(opts.threads),
      checkpoint_threshold: '256MB',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot open the live database ${opts.path}: ${reason} (is another pipeline running on this DATA_DIR?)`);
  }
  const writer = await instance.connect();
  await writer.run(CELL_KEY_MACRO);
  let recordKey: RecordKey;
  let recordKeySecret: string;
  try {
    recordKeySecret = await readRecordKeySecret(writer);
    recordKey = recordKeys(recordKeySecret);
    await migrateRecordKeys(writer, recordKey, opts.path);
    await migrateCellKey(writer, opts.path);
    await migrateAppendOnlyCube(writer, opts.path);
    await migrateSlimLedger(writer, opts.path);
  } catch (error) {
    writer.closeSync();
    instance.closeSync();
    throw error;
  }
  for (const ddl of LIVE_SCHEMA) await writer.run(ddl);
  await createDeliveryTables(writer);
  await createActionTables(writer);
  return {
    instance,
    writer,
    path: opts.path,
    recordKey,
    recordKeySecret,
    close() {
      writer.closeSync();
      instance.closeSync();
    },
  };
}
