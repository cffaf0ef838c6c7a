import type { DuckDBConnection } from '@duckdb/node-api';

export interface RegistryAreas {
  /** The CBS division year the pipeline's area registry holds. */
  year: number | null;
  /** Every known code → its wijk and gemeente (wijken map to themselves). */
  areas: Map<string, { wijk: string; gemeente: string }>;
}

/** The area registry of the served snapshot, as the pipeline's validation looks codes up. */
export async function registryAreas(conn: DuckDBConnection): Promise<RegistryAreas> {
  const reader = await conn.runAndReadAll('SELECT code, gemeente_code, year FROM areas');
  const areas = new Map<string, { wijk: string; gemeente: string }>();
  let year: number | null = null;
  for (const [code, gemeente, y] of reader.getRows()) {
    areas.set(String(code), { wijk: String(code), gemeente: String(gemeente) });
    year = Math.max(year ?? 0, Number(y));
  }
  return { year, areas };
}
