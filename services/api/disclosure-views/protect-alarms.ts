import type { AlarmsResponse } from '@wijksignaal/contracts/http';
import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { hidden, isSuppressed } from '@wijksignaal/domain/disclosure/index';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWeeks } from './protect-weeks.ts';

export interface AlarmArea {
  name: string;
  gemeenteName: string;
}

/**
 * The alarm list, protected exactly as the series view of the same wijk, theme and period: each alarm's
 * observed count is that week's cell of the protected series (so the two views hide the same weeks), and
 * expected and threshold follow the series rule for baselines. `counts` is keyed `wijk|theme`.
 */
export function protectAlarms(
  verdicts: readonly StoredAlarmRow[],
  period: { from: IsoWeek; to: IsoWeek },
  counts: ReadonlyMap<string, ReadonlyMap<IsoWeek, number>>,
  areas: ReadonlyMap<string, AlarmArea>,
  settings: DisclosureSettings,
): AlarmsResponse['alarms'] {
  const weeks = isoWeekRange(period.from, period.to);
  const perSeries = new Map<string, ReturnType<typeof protectWeeks>>();
  const empty = new Map<IsoWeek, number>();
  return verdicts.map((row) => {
    const key = `${row.wijk}|${row.theme}`;
    let series = perSeries.get(key);
    if (!series) {
      series = protectWeeks(weeks, counts.get(key) ?? empty, settings);
      perSeries.set(key, series);
    }
    const observed = series.cells.get(row.week) ?? 0;
    const hide = isSuppressed(observed) || series.hidesBaseline(row.baselineFrom, row.baselineTo);
    const guard = (value: number | null) => (value === null ? null : hide ? hidden() : value);
    const area = areas.get(row.wijk);
    return {
      code: row.wijk,
      name: area?.name ?? row.wijk,
      gemeenteName: area?.gemeenteName ?? '',
      theme: row.theme as Theme,
      week: row.week,
      level: row.level,
      method: row.method,
      observed,
      expected: guard(row.expected),
      threshold: guard(row.threshold),
    };
  });
}
