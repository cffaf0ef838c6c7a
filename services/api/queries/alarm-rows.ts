import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevelValue } from '@wijksignaal/contracts/http';

/** One stored detection result (one method, one week) with its baseline window taken from `params`. */
export interface StoredAlarmRow {
  wijk: string;
  theme: string;
  week: IsoWeek;
  method: string;
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  alarm: boolean;
  level: AlarmLevelValue;
  evaluated: boolean;
  baselineFrom: IsoWeek | null;
  baselineTo: IsoWeek | null;
}

export interface AlarmRowsParams {
  from: IsoWeek;
  to: IsoWeek;
  theme?: string;
  wijk?: string;
  /** Only rows whose level is one of these (all rows when absent). */
  levels?: readonly AlarmLevelValue[];
}

/** Stored detection rows of a period, optionally for one theme, one wijk or some levels only. */
export async function alarmRows(conn: DuckDBConnection, params: AlarmRowsParams): Promise<StoredAlarmRow[]> {
  const reader = await conn.runAndReadAll(
    `SELECT wijk, theme, strftime(week, '%Y-%m-%d') AS monday, method, observed, expected, threshold, alarm, level,
            reason IS NULL AS evaluated,
            json_extract_string(params, '$.baselineFrom') AS baseline_from,
            json_extract_string(params, '$.baselineTo') AS baseline_to
     FROM alarms
     WHERE week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
       AND ($theme IS NULL OR theme = $theme) AND ($wijk IS NULL OR wijk = $wijk)
       AND ($levels IS NULL OR list_contains(string_split($levels, ','), level))
     ORDER BY week, wijk, theme, method`,
    {
      from: mondayIsoDate(params.from),
      to: mondayIsoDate(params.to),
      theme: params.theme ?? null,
      wijk: params.wijk ?? null,
      levels: params.levels ? params.levels.join(',') : null,
    },
  );
  return reader.getRowObjectsJS().map((row) => ({
    wijk: String(row.wijk),
    theme: String(row.theme),
    week: isoWeekFromMondayDate(String(row.monday)),
    method: String(row.method),
    observed: row.observed === null ? null : Number(row.observed),
    expected: row.expected === null ? null : Number(row.expected),
    threshold: row.threshold === null ? null : Number(row.threshold),
    alarm: row.alarm === true,
    level: String(row.level) as AlarmLevelValue,
    evaluated: row.evaluated === true,
    baselineFrom: row.baseline_from === null ? null : (String(row.baseline_from) as IsoWeek),
    baselineTo: row.baseline_to === null ? null : (String(row.baseline_to) as IsoWeek),
  }));
}
