import type { DuckDBConnection } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

export type BreakdownDimension = 'category' | 'source' | 'ageBand';

/** Per dimension, the counts by value as stored; values without signals are absent (callers zero-fill). */
export type AreaBreakdowns = Record<BreakdownDimension, Map<string, number>>;

/**
 * One wijk's signals of a theme over `from`..`to`, split by category, by source kind and by age band, in
 * one pass over the cube (grouping sets). Plain counts; disclosure control is applied by protect-profile.ts.
 */
export async function areaBreakdowns(
  conn: DuckDBConnection,
  params: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek },
): Promise<AreaBreakdowns> {
  const reader = await conn.runAndReadAll(
    `SELECT category, source_kind, age_band, CAST(sum(n) AS DOUBLE) AS n
     FROM weekly_counts
     WHERE wijk = $code AND theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
     GROUP BY GROUPING SETS ((category), (source_kind), (age_band))`,
    { code: params.code, theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  const out: AreaBreakdowns = { category: new Map(), source: new Map(), ageBand: new Map() };
  // The columns are NOT NULL in the cube, so the one that is not null names the grouping set.
  for (const [category, source, ageBand, n] of reader.getRowsJS()) {
    if (category !== null) out.category.set(String(category), Number(n));
    else if (source !== null) out.source.set(String(source), Number(n));
    else if (ageBand !== null) out.ageBand.set(String(ageBand), Number(n));
  }
  return out;
}
