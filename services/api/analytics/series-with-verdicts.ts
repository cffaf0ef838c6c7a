import type { DuckDBConnection } from '@duckdb/node-api';
import type { SeriesResponse } from '@wijksignaal/contracts/http';
import { isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectSeries } from '../disclosure-views/protect-series.ts';
import { alarmRows, type StoredAlarmRow } from '../queries/alarm-rows.ts';
import { weeklyTotals } from '../queries/weekly-totals.ts';
import { weekVerdict } from './week-verdict.ts';

/**
 * One wijk's weeks with the verdict of each week and disclosure control applied. Reads the stored detection
 * rows of the period, and the counts of every baseline window they used (to know which expected values
 * would give a hidden week away).
 */
export async function seriesWithVerdicts(
  conn: DuckDBConnection,
  params: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek },
  weeks: readonly { week: IsoWeek; count: number; partial: boolean }[],
  settings: DisclosureSettings,
): Promise<SeriesResponse['weeks']> {
  const byWeek = new Map<IsoWeek, StoredAlarmRow[]>();
  for (const row of await alarmRows(conn, { from: params.from, to: params.to, theme: params.theme, wijk: params.code })) {
    byWeek.set(row.week, [...(byWeek.get(row.week) ?? []), row]);
  }
  const verdicts = new Map<IsoWeek, StoredAlarmRow | null>([...byWeek].map(([week, rows]) => [week, weekVerdict(rows)]));
  let earliest = params.from;
  for (const v of verdicts.values()) {
    if (v?.baselineFrom && isoWeeksBetween(v.baselineFrom, earliest) > 0) earliest = v.baselineFrom;
  }
  const key = `${params.code}|${params.theme}`;
  const counts = new Map((await weeklyTotals(conn, { keys: [key], from: earliest, to: params.to })).get(key) ?? []);
  for (const w of weeks) counts.set(w.week, w.count);
  return protectSeries(
    weeks.map((w) => ({ week: w.week, partial: w.partial, verdict: verdicts.get(w.week) ?? null })),
    counts,
    settings,
  );
}
