import type { DuckDBConnection } from '@duckdb/node-api';
import { CBS_BANDS } from '@wijksignaal/contracts/population';

export interface AreaPopulation {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  year: number;
  residents: number | null;
  /** Residents per CBS age band in the registry's year, whole people, in band order; missing bands left out. */
  bands: { band: string; residents: number }[];
}

/** One wijk as the area registry describes it, with its age structure; null for an unknown code. */
export async function areaPopulation(conn: DuckDBConnection, code: string): Promise<AreaPopulation | null> {
  const area = (
    await conn.runAndReadAll(`SELECT code, name, gemeente_code, gemeente_name, year, residents FROM areas WHERE code = $code`, {
      code,
    })
  ).getRowObjectsJS()[0];
  if (!area) return null;
  const bands = await conn.runAndReadAll(
    `SELECT p.band, p.residents FROM population p JOIN areas a ON a.code = p.code AND a.year = p.year WHERE p.code = $code`,
    { code },
  );
  const byBand = new Map(bands.getRowsJS().map(([band, residents]) => [String(band), Number(residents)]));
  return {
    code: String(area.code),
    name: String(area.name),
    gemeenteCode: String(area.gemeente_code),
    gemeenteName: String(area.gemeente_name),
    year: Number(area.year),
    residents: area.residents === null ? null : Number(area.residents),
    // CBS bands are fractional (derived from percentages); people are shown whole.
    bands: CBS_BANDS.filter((band) => byBand.has(band)).map((band) => ({
      band,
      residents: Math.round(byBand.get(band) ?? 0),
    })),
  };
}
