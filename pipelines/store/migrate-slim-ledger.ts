import type { DuckDBConnection } from '@duckdb/node-api';
import { migrateInTransaction } from './cube-migration.ts';
import { SIGNALS_DDL } from './live-schema.ts';

/**
 * Live databases written before the ledger was slim hold fourteen columns per signal. Each row keeps its
 * id, partition and offset and gets its cell key (the `cell_key` macro, which must already exist) in
 * place of the coordinates, in one transaction, after `migrateRecordKeys` has read those coordinates.
 * Returns whether it migrated.
 */
export async function migrateSlimLedger(db: DuckDBConnection, path: string): Promise<boolean> {
  const reader = await db.runAndReadAll(
    `SELECT count(*)::INTEGER FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'signals' AND column_name = 'partner'`,
  );
  if (reader.getRowsJS()[0]?.[0] === 0) return false;
  await migrateInTransaction(db, 'slim the signal ledger', path, async () => {
    await db.run('ALTER TABLE signals RENAME TO signals_wide');
    await db.run(SIGNALS_DDL);
    await db.run(
      `INSERT INTO signals
       SELECT id, cell_key(wijk, week, theme, category, source_kind, age_band), "partition", "offset" FROM signals_wide`,
    );
    await db.run('DROP TABLE signals_wide');
  });
  return true;
}
