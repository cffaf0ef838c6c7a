import type { AlarmsResponse } from '@wijksignaal/contracts/http';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import { namedWijk } from '../queries/list-areas.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount, shownExpectation } from './shown-count.ts';

export interface AlarmArea {
  name: string;
  gemeenteName: string;
}

/**
 * The alarm list: each alarm's observed count is the published weekly count detection ran on, as the
 * snapshot stores it (NULL, shown as `<k`, when below k): the same cell the series shows for that week.
 * Expected value and threshold as stored, as in the series. The alarm id and triage mark (no counts) are
 * added by the route.
 */
export function protectAlarms(
  verdicts: readonly StoredAlarmRow[],
  areas: ReadonlyMap<string, AlarmArea>,
  settings: DisclosureSettings,
): Omit<AlarmsResponse['alarms'][number], 'alarmId' | 'triage'>[] {
  return verdicts.map((row) => {
    return {
      ...namedWijk(row.wijk, areas.get(row.wijk)),
      theme: row.theme as Theme,
      week: row.week,
      level: row.level,
      method: row.method,
      observed: shownCount(row.observed, settings.k),
      expected: shownExpectation(row.expected, settings.k),
      threshold: shownExpectation(row.threshold, settings.k),
    };
  });
}
