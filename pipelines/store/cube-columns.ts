import type { DuckDBConnection } from '@duckdb/node-api';

/** The columns the live cube has now (none before it exists): what the start-up migrations look at. */
export async function cubeColumns(db: DuckDBConnection): Promise<string[]> {
  const reader = await db.runAndReadAll(
    `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'weekly_counts'`,
  );
  return reader.getRowsJS().map((r) => String(r[0]));
}
