import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevelValue } from '@wijksignaal/contracts/http';

/** Every stored method row of one wijk, theme and week, with everything an explanation shows. */
export interface MethodRow {
  week: IsoWeek;
  method: string;
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  statistic: number | null;
  pValue: number | null;
  alarm: boolean;
  level: AlarmLevelValue;
  reason: string | null;
  /** The stored `params` JSON, parsed ({} when absent). */
  params: Record<string, unknown>;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export async function methodRows(
  conn: DuckDBConnection,
  params: { wijk: string; theme: string; week: IsoWeek },
): Promise<MethodRow[]> {
  const reader = await conn.runAndReadAll(
    `SELECT strftime(week, '%Y-%m-%d') AS monday, method, observed, expected, threshold, statistic, p_value, alarm, level,
            reason, params
     FROM alarms WHERE wijk = $wijk AND theme = $theme AND week = CAST($week AS DATE)
     ORDER BY method`,
    { wijk: params.wijk, theme: params.theme, week: mondayIsoDate(params.week) },
  );
  return reader.getRowObjectsJS().map((row) => ({
    week: isoWeekFromMondayDate(String(row.monday)),
    method: String(row.method),
    observed: num(row.observed),
    expected: num(row.expected),
    threshold: num(row.threshold),
    statistic: num(row.statistic),
    pValue: num(row.p_value),
    alarm: row.alarm === true,
    level: String(row.level) as AlarmLevelValue,
    reason: row.reason === null ? null : String(row.reason),
    params: row.params === null ? {} : (JSON.parse(String(row.params)) as Record<string, unknown>),
  }));
}

/**
 * The history the series' newest stored week was detected with (`params.historyWeeks`, complete weeks before
 * it): for the running week, the history the method choice was made on. Null when nothing is stored.
 */
export async function latestHistory(
  conn: DuckDBConnection,
  params: { wijk: string; theme: string },
): Promise<{ week: IsoWeek; historyWeeks: number } | null> {
  const reader = await conn.runAndReadAll(
    `SELECT strftime(week, '%Y-%m-%d') AS monday, json_extract(params, '$.historyWeeks')::INTEGER AS history
     FROM alarms WHERE wijk = $wijk AND theme = $theme ORDER BY week DESC LIMIT 1`,
    { wijk: params.wijk, theme: params.theme },
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return null;
  return { week: isoWeekFromMondayDate(String(row.monday)), historyWeeks: Number(row.history ?? 0) };
}
