import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';

export interface OverviewParams {
  theme: Theme;
  from: IsoWeek;
  to: IsoWeek;
}

/** The count and denominator of one wijk before analytics and disclosure control are applied. */
export interface OverviewArea {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  count: number;
  /** Whole residents, as shown. */
  residents: number | null;
  /** The exact (fractional) band sum the rate is computed over. */
  exactResidents: number | null;
  ratePer1000: number | null;
}

/**
 * Per wijk, the theme's signal count over the weeks `from`..`to` and the population it is expressed
 * against (the theme's CBS age bands, in the area registry's year). Every wijk is listed, also those
 * without signals. The denominator is null when any of the theme's bands is unknown for the wijk, because a
 * partial sum would overstate the rate.
 */
export async function overview(conn: DuckDBConnection, params: OverviewParams): Promise<OverviewArea[]> {
  const bands = THEME_POPULATION[params.theme].bands;
  const reader = await conn.runAndReadAll(
    `WITH counts AS (
       SELECT wijk, sum(n) AS n
       FROM weekly_counts
       WHERE theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
       GROUP BY wijk
     ), pop AS (
       SELECT p.code, p.year, sum(p.residents) AS residents, count(DISTINCT p.band) AS bands
       FROM population p
       WHERE list_contains($bands, p.band)
       GROUP BY p.code, p.year
     )
     SELECT a.code, a.name, a.gemeente_code, a.gemeente_name,
            CAST(coalesce(c.n, 0) AS DOUBLE) AS count,
            CASE WHEN pop.bands = len($bands) THEN pop.residents END AS residents
     FROM areas a
     LEFT JOIN counts c ON c.wijk = a.code
     LEFT JOIN pop ON pop.code = a.code AND pop.year = a.year
     ORDER BY a.code`,
    { theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to), bands: listValue([...bands]) },
    { bands: LIST(VARCHAR) },
  );
  return reader.getRowObjectsJS().map((row) => {
    const count = Number(row.count);
    const residents = row.residents === null ? null : Number(row.residents);
    return {
      code: String(row.code),
      name: String(row.name),
      gemeenteCode: String(row.gemeente_code),
      gemeenteName: String(row.gemeente_name),
      count,
      // Band counts derived from CBS percentages are fractional; people are shown whole, the rate stays exact.
      residents: residents === null ? null : Math.round(residents),
      exactResidents: residents,
      ratePer1000: residents !== null && residents > 0 ? (count / residents) * 1000 : null,
    };
  });
}
