import type { DuckDBConnection } from '@duckdb/node-api';
import { migrateInTransaction } from './cube-migration.ts';
import { CUBE_ROWS_DDL, WEEKLY_COUNTS_VIEW } from './live-schema.ts';

/**
 * Live databases written before the cube was append-only hold `weekly_counts` as a table keyed on
 * `cell`. Its rows move to `cube_rows` as they are (one per cell, already summed) and `weekly_counts`
 * becomes the view that sums them, in one transaction, after `migrateCellKey` has keyed it. Returns
 * whether it migrated.
 */
export async function migrateAppendOnlyCube(db: DuckDBConnection, path: string): Promise<boolean> {
  const reader = await db.runAndReadAll(
    `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'weekly_counts'`,
  );
  if (reader.getRowsJS()[0]?.[0] === 0) return false;
  await migrateInTransaction(db, 'make the cube append-only', path, async () => {
    await db.run(CUBE_ROWS_DDL);
    await db.run(
      `INSERT INTO cube_rows
       SELECT wijk, week, theme, category, source_kind, age_band, n, signals, high, cell, key_sum FROM weekly_counts`,
    );
    await db.run('DROP TABLE weekly_counts');
    await db.run(WEEKLY_COUNTS_VIEW);
  });
  return true;
}
