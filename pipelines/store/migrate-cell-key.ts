import type { DuckDBConnection } from '@duckdb/node-api';
import { cubeColumns, migrateInTransaction } from './cube-migration.ts';
import { weeklyCountsDdl } from './live-schema.ts';

const COORDINATES = 'wijk, week, theme, category, source_kind, age_band';

/**
 * Live databases written before the cube was keyed on `cell` have a six-column primary key. DuckDB
 * cannot change a primary key in place, so the table is rebuilt once, in one transaction, with every
 * cell keyed by the `cell_key` macro (which must already exist), after `migrateRecordKeys` has given it
 * its `key_sum`. Returns whether it migrated.
 */
export async function migrateCellKey(db: DuckDBConnection, path: string): Promise<boolean> {
  const columns = await cubeColumns(db);
  if (columns.length === 0 || columns.includes('cell')) return false;
  await migrateInTransaction(db, 'key the cube', path, async () => {
    await db.run('DROP TABLE IF EXISTS weekly_counts_keyed');
    await db.run(weeklyCountsDdl('weekly_counts_keyed'));
    await db.run(
      `INSERT INTO weekly_counts_keyed
       SELECT ${COORDINATES}, n, signals, high, cell_key(${COORDINATES}), key_sum FROM weekly_counts`,
    );
    await db.run('DROP TABLE weekly_counts');
    await db.run('ALTER TABLE weekly_counts_keyed RENAME TO weekly_counts');
  });
  return true;
}
