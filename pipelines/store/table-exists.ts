import type { DuckDBConnection } from '@duckdb/node-api';

/** Whether the file has a table of this name: readers of files older code wrote ask before they read it. */
export async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const rows = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = $1`, [name])).getRowsJS();
  return rows[0]?.[0] === 1;
}
