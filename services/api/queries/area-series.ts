import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { publishedCells } from './published-cells.ts';

export interface AreaSeriesParams {
  code: string;
  theme: Theme;
  from: IsoWeek;
  to: IsoWeek;
  /** The ISO week that is still running: its count is marked partial. */
  currentWeek: IsoWeek;
}

/** The published weekly cells; the route adds detection verdicts and turns them into response cells. */
export interface AreaSeries {
  code: string;
  name: string;
  /** `count`: the published count; null when withheld (no row: empty or a few signals). */
  weeks: { week: IsoWeek; count: number | null; partial: boolean }[];
}

/**
 * One wijk's published weekly totals of a theme, with every week of the range present (a week without a
 * published row is withheld). Null for an unknown wijk.
 */
export async function areaSeries(conn: DuckDBConnection, params: AreaSeriesParams): Promise<AreaSeries | null> {
  const area = (await conn.runAndReadAll(`SELECT name FROM areas WHERE code = $code`, { code: params.code })).getRowsJS().at(0);
  if (!area) return null;
  const cells = await publishedCells(conn, {
    theme: params.theme,
    kind: 'week',
    from: params.from,
    to: params.to,
    levels: ['wijk'],
    dimensions: ['total'],
    areas: [params.code],
  });
  const counts = new Map(cells.map((c) => [c.period, c.count]));
  return {
    code: params.code,
    name: String(area[0]),
    weeks: isoWeekRange(params.from, params.to).map((week) => ({
      week,
      count: counts.get(week) ?? null,
      partial: week === params.currentWeek,
    })),
  };
}
