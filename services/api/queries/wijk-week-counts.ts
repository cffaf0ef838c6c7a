import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

/**
 * Every wijk's weekly count of one theme over `from`..`to`, summed over category, source and age band.
 * Weeks without signals are absent (callers zero-fill). Plain counts; the export protects them.
 */
export async function wijkWeekCounts(
  conn: DuckDBConnection,
  params: { theme: Theme; from: IsoWeek; to: IsoWeek },
): Promise<Map<string, Map<IsoWeek, number>>> {
  const reader = await conn.runAndReadAll(
    `SELECT wijk, strftime(week, '%Y-%m-%d') AS monday, CAST(sum(n) AS DOUBLE) AS n
     FROM weekly_counts
     WHERE theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
     GROUP BY wijk, week`,
    { theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  const out = new Map<string, Map<IsoWeek, number>>();
  for (const [wijk, monday, n] of reader.getRowsJS()) {
    const series = out.get(String(wijk)) ?? new Map<IsoWeek, number>();
    series.set(isoWeekFromMondayDate(String(monday)), Number(n));
    out.set(String(wijk), series);
  }
  return out;
}
