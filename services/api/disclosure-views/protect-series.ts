import type { SeriesResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount, shownExpectation } from './shown-count.ts';

export interface SeriesWeekInput {
  week: IsoWeek;
  /** The published weekly cell; null when withheld. */
  count: number | null;
  partial: boolean;
  /** The week's verdict (see domain/priority/week-verdict.ts), null when no method evaluated it. */
  verdict: StoredAlarmRow | null;
}

/**
 * The series response's weeks: each week's published cell (`<k` when withheld) with the verdict as the
 * pipeline stored it. Expected value and threshold are shown even for a withheld week (below k as `<k`):
 * detection ran on the published weekly series with a withheld week as k − 1 (domain/published), so they
 * carry nothing the published cells and `<k` do not.
 */
export function protectSeries(weeks: readonly SeriesWeekInput[], settings: DisclosureSettings): SeriesResponse['weeks'] {
  return weeks.map(({ week, count, partial, verdict }) => ({
    week,
    count: shownCount(count, settings.k),
    partial,
    expected: shownExpectation(verdict?.expected ?? null, settings.k),
    threshold: shownExpectation(verdict?.threshold ?? null, settings.k),
    alarm: verdict?.alarm ?? false,
    level: verdict?.level ?? 'none',
    method: verdict?.method ?? null,
  }));
}
