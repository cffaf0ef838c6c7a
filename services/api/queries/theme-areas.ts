import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';

/** One wijk of the area registry with the population a theme's rates are expressed against. */
export interface ThemeArea {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  /** Whole residents, as shown. */
  residents: number | null;
  /** The exact (fractional) band sum a rate is computed over. */
  exactResidents: number | null;
}

/**
 * Every wijk, ordered by code, with the residents of the theme's CBS age bands in the area registry's
 * year. The denominator is null when any of the theme's bands is unknown for the wijk, because a partial
 * sum would overstate the rate. No counts: those come from the published table only.
 */
export async function themeAreas(conn: DuckDBConnection, theme: Theme): Promise<ThemeArea[]> {
  const bands = THEME_POPULATION[theme].bands;
  const reader = await conn.runAndReadAll(
    `WITH pop AS (
       SELECT p.code, p.year, sum(p.residents) AS residents, count(DISTINCT p.band) AS bands
       FROM population p
       WHERE list_contains($bands, p.band)
       GROUP BY p.code, p.year
     )
     SELECT a.code, a.name, a.gemeente_code, a.gemeente_name,
            CASE WHEN pop.bands = len($bands) THEN pop.residents END AS residents
     FROM areas a
     LEFT JOIN pop ON pop.code = a.code AND pop.year = a.year
     ORDER BY a.code`,
    { bands: listValue([...bands]) },
    { bands: LIST(VARCHAR) },
  );
  return reader.getRowObjectsJS().map((row) => {
    const residents = row.residents === null ? null : Number(row.residents);
    return {
      code: String(row.code),
      name: String(row.name),
      gemeenteCode: String(row.gemeente_code),
      gemeenteName: String(row.gemeente_name),
      // Band counts derived from CBS percentages are fractional; people are shown whole, the rate stays exact.
      residents: residents === null ? null : Math.round(residents),
      exactResidents: residents,
    };
  });
}
