import type { DuckDBConnection } from '@duckdb/node-api';
import type { AreasResponse } from '@wijksignaal/contracts/http';

/** `year` is the CBS division year of the codes; null in an empty snapshot. */
export type AreaList = Pick<AreasResponse, 'year' | 'areas'>;

/** Every wijk in the snapshot's area registry, ordered by code. */
export async function listAreas(conn: DuckDBConnection): Promise<AreaList> {
  const reader = await conn.runAndReadAll(
    `SELECT code, name, gemeente_code, gemeente_name, CAST(residents AS DOUBLE) AS residents, year
     FROM areas ORDER BY code`,
  );
  const rows = reader.getRowObjectsJS();
  const years = rows.map((row) => Number(row.year));
  return {
    year: years.length > 0 ? Math.max(...years) : null,
    areas: rows.map((row) => ({
      code: String(row.code),
      name: String(row.name),
      gemeenteCode: String(row.gemeente_code),
      gemeenteName: String(row.gemeente_name),
      residents: row.residents === null ? null : Number(row.residents),
    })),
  };
}

/** How a response names a wijk: its code, and name and gemeente from the registry (the code when unknown). */
export function namedWijk(code: string, area: { name: string; gemeenteName: string } | undefined) {
  return { code, name: area?.name ?? code, gemeenteName: area?.gemeenteName ?? '' };
}
