import type { DuckDBConnection } from '@duckdb/node-api';

/** The columns the live cube has now (none before it exists): what the start-up migrations look at. */
export async function cubeColumns(db: DuckDBConnection): Promise<string[]> {
  const reader = await db.runAndReadAll(
    `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'weekly_counts'`,
  );
  return reader.getRowsJS().map((r) => String(r[0]));
}

/**
 * Runs one start-up migration of an older live database in a single transaction: all of it or none.
 * A failure says in one line what could not be done and the way out (`what`: "key the cube", …).
 */
export async function migrateInTransaction(
  db: DuckDBConnection,
  what: string,
  path: string,
  migrate: () => Promise<void>,
): Promise<void> {
  await db.run('BEGIN');
  try {
    await migrate();
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `cannot ${what} of the older live database ${path} (${reason}); remove its DATA_DIR and let the pipeline re-read the topic`,
    );
  }
}
