import type { DuckDBConnection } from '@duckdb/node-api';

/** The registry name of a wijk, or null for a code the registry does not know. */
export async function wijkName(conn: DuckDBConnection, code: string): Promise<string | null> {
  const row = (await conn.runAndReadAll(`SELECT name FROM areas WHERE code = $code`, { code })).getRowsJS().at(0);
  return row ? String(row[0]) : null;
}
