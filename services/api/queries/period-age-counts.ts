import type { DuckDBConnection } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

export interface AgeCount {
  wijk: string;
  /** The signal's age band (`unknown` when the partner did not know it). */
  ageBand: string;
  n: number;
}

/**
 * A theme's signals over a period per wijk and signal age band: what indirect standardisation needs, in one
 * grouped query for every wijk at once (a national overview has 3,393 wijken).
 */
export async function periodAgeCounts(
  conn: DuckDBConnection,
  params: { theme: Theme; from: IsoWeek; to: IsoWeek },
): Promise<AgeCount[]> {
  const reader = await conn.runAndReadAll(
    `SELECT wijk, age_band, CAST(sum(n) AS DOUBLE) AS n
     FROM weekly_counts
     WHERE theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
     GROUP BY wijk, age_band`,
    { theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  return reader.getRowsJS().map(([wijk, ageBand, n]) => ({ wijk: String(wijk), ageBand: String(ageBand), n: Number(n) }));
}
