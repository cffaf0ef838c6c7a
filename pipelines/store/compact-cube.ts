import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Folds `cube_rows` back to one row per cell, in one transaction: readers of `weekly_counts` see the same
 * sums before and after, and a crash keeps either all the old rows or all the folded ones. It reads and
 * rewrites the whole cube, so it runs only when as many rows have been appended as it left last time
 * (`compactionDue`): each appended row is folded a bounded number of times, linear in the signals.
 * Returns how many rows the cube has after it.
 */
export async function compactCube(db: DuckDBConnection): Promise<number> {
  await db.run('BEGIN');
  try {
    await db.run('CREATE OR REPLACE TEMP TABLE cube_folded AS SELECT * FROM weekly_counts');
    await db.run('DELETE FROM cube_rows');
    await db.run(
      `INSERT INTO cube_rows
       SELECT wijk, week, theme, category, source_kind, age_band, n, signals, high, cell, key_sum FROM cube_folded`,
    );
    const reader = await db.runAndReadAll('SELECT count(*)::DOUBLE FROM cube_folded');
    await db.run('DROP TABLE cube_folded');
    await db.run('COMMIT');
    return Number(reader.getRowsJS()[0]?.[0] ?? 0);
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
