import type { DuckDBConnection } from '@duckdb/node-api';
import type { SeriesResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectSeries } from '../disclosure-views/protect-series.ts';
import { alarmRows, type StoredAlarmRow } from '../queries/alarm-rows.ts';
import type { AreaSeries } from '../queries/area-series.ts';
import { weekVerdict } from '@wijksignaal/domain/priority/week-verdict';

/** One wijk's published weeks, each with the one verdict shown for it out of the stored detection rows. */
export async function seriesWithVerdicts(
  conn: DuckDBConnection,
  params: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek },
  weeks: AreaSeries['weeks'],
  settings: DisclosureSettings,
): Promise<SeriesResponse['weeks']> {
  const byWeek = new Map<IsoWeek, StoredAlarmRow[]>();
  for (const row of await alarmRows(conn, { from: params.from, to: params.to, theme: params.theme, wijk: params.code })) {
    byWeek.set(row.week, [...(byWeek.get(row.week) ?? []), row]);
  }
  return protectSeries(
    weeks.map((w) => ({ ...w, verdict: weekVerdict(byWeek.get(w.week) ?? []) })),
    settings,
  );
}
