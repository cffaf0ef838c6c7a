import type { SeriesResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { hidden, isSuppressed } from '@wijksignaal/domain/disclosure/index';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWeeks } from './protect-weeks.ts';

export interface SeriesWeekInput {
  week: IsoWeek;
  partial: boolean;
  /** The week's verdict (see analytics/week-verdict.ts), null when no method evaluated it. */
  verdict: StoredAlarmRow | null;
}

/**
 * The series response's weeks, protected: small counts and their complements among the period's weeks are
 * hidden; a week's expected value and threshold are hidden with its count, and whenever their baseline
 * window holds a hidden or small week (a baseline mean minus the published weeks would give it away).
 * `counts` covers the period and every baseline window.
 */
export function protectSeries(
  weeks: readonly SeriesWeekInput[],
  counts: ReadonlyMap<IsoWeek, number>,
  settings: DisclosureSettings,
): SeriesResponse['weeks'] {
  const protectedWeeks = protectWeeks(
    weeks.map((w) => w.week),
    counts,
    settings,
  );
  return weeks.map(({ week, partial, verdict }) => {
    const count = protectedWeeks.cells.get(week) ?? 0;
    const hide =
      isSuppressed(count) || (verdict !== null && protectedWeeks.hidesBaseline(verdict.baselineFrom, verdict.baselineTo));
    const guard = (value: number | null | undefined) => (value === null || value === undefined ? null : hide ? hidden() : value);
    return {
      week,
      count,
      partial,
      expected: guard(verdict?.expected),
      threshold: guard(verdict?.threshold),
      alarm: verdict?.alarm ?? false,
      level: verdict?.level ?? 'none',
      method: verdict?.method ?? null,
    };
  });
}
