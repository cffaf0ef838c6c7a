import type { DuckDBConnection } from '@duckdb/node-api';
import type { CbsBand } from '@wijksignaal/contracts/population';

/** Residents per CBS age band of every wijk, in the area registry's year (fractional, as CBS percentages give them). */
export async function bandPopulation(conn: DuckDBConnection): Promise<Map<string, Partial<Record<CbsBand, number>>>> {
  const reader = await conn.runAndReadAll(
    `SELECT p.code, p.band, p.residents FROM population p JOIN areas a ON a.code = p.code AND a.year = p.year`,
  );
  const byWijk = new Map<string, Partial<Record<CbsBand, number>>>();
  for (const [code, band, residents] of reader.getRowsJS()) {
    const entry = byWijk.get(String(code)) ?? {};
    entry[String(band) as CbsBand] = Number(residents);
    byWijk.set(String(code), entry);
  }
  return byWijk;
}
