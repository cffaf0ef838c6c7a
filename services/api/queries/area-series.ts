import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, isoWeekRange, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

export interface AreaSeriesParams {
  code: string;
  theme: Theme;
  from: IsoWeek;
  to: IsoWeek;
  /** The ISO week that is still running: its count is marked partial. */
  currentWeek: IsoWeek;
}

/** Plain counts; the route adds detection verdicts and disclosure control. */
export interface AreaSeries {
  code: string;
  name: string;
  weeks: { week: IsoWeek; count: number; partial: boolean }[];
}

/**
 * Weekly counts of one theme in one wijk, with every week of the range present (weeks without signals
 * count 0, so charts and detection see gaps as zeros, not as missing data). Null for an unknown wijk.
 */
export async function areaSeries(conn: DuckDBConnection, params: AreaSeriesParams): Promise<AreaSeries | null> {
  const area = (await conn.runAndReadAll(`SELECT name FROM areas WHERE code = $code`, { code: params.code })).getRowsJS().at(0);
  if (!area) return null;

  const reader = await conn.runAndReadAll(
    `SELECT strftime(week, '%Y-%m-%d') AS monday, CAST(sum(n) AS DOUBLE) AS count
     FROM weekly_counts
     WHERE wijk = $code AND theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
     GROUP BY week`,
    { code: params.code, theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  const counts = new Map<IsoWeek, number>();
  for (const [monday, count] of reader.getRowsJS()) counts.set(isoWeekFromMondayDate(String(monday)), Number(count));

  return {
    code: params.code,
    name: String(area[0]),
    weeks: isoWeekRange(params.from, params.to).map((week) => ({
      week,
      count: counts.get(week) ?? 0,
      partial: week === params.currentWeek,
    })),
  };
}
