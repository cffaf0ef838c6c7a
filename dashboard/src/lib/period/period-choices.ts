import {
  addIsoWeeks,
  formatIsoWeek,
  isoWeekFromDate,
  isoWeeksBetween,
  isValidIsoWeek,
  type IsoWeek,
} from '@wijksignaal/contracts/iso-week';
import {
  gridPeriod,
  latestCompletePeriod,
  periodOf,
  periodsOverlapping,
  type GridPeriod,
  type PeriodKind,
} from '@wijksignaal/domain/published/period-grid';

/**
 * Which periods a user can pick. Counts are published for the fixed grid only (domain/published): ISO
 * weeks, 4-week periods, quarters and ISO years, so the picker offers those and nothing in between.
 * `today` is the browser's clock; the running period (the one holding today's week) is offered too.
 */

/** The picker lists the current ISO year and the three before it. */
export const PICKER_YEARS = 4;

export function currentWeek(today: Date): IsoWeek {
  return isoWeekFromDate(today);
}

/** What a page shows without a (valid) period in its URL: the latest complete quarter, as the API does. */
export function defaultPeriod(today: Date): GridPeriod {
  return latestCompletePeriod('quarter', addIsoWeeks(currentWeek(today), -1));
}

/** True while the period holds today's week: its counts are still growing. */
export function isRunning(period: GridPeriod, today: Date): boolean {
  const week = currentWeek(today);
  return isoWeeksBetween(period.from, week) >= 0 && isoWeeksBetween(week, period.to) >= 0;
}

/** The grid period `from`..`to` of a URL, or null when it is none or starts after today's week. */
export function readPeriod(from: string | null, to: string | null, today: Date): GridPeriod | null {
  if (from === null || to === null || !isValidIsoWeek(from) || !isValidIsoWeek(to)) return null;
  const period = gridPeriod(from, to);
  return period !== null && isoWeeksBetween(period.from, currentWeek(today)) >= 0 ? period : null;
}

/**
 * The periods of `kind` to choose from, newest first: from the running one back to the first of
 * PICKER_YEARS years. `selected`, when of this kind and older (a shared link), is kept in the list.
 */
export function periodChoices(kind: PeriodKind, today: Date, selected?: GridPeriod): GridPeriod[] {
  const week = currentWeek(today);
  const firstYear = Number(week.slice(0, 4)) - (PICKER_YEARS - 1);
  const periods = periodsOverlapping(kind, formatIsoWeek(firstYear, 1), week).reverse();
  if (selected && selected.kind === kind && !periods.some((p) => p.from === selected.from)) periods.push(selected);
  return periods;
}

/**
 * The period of `kind` a user lands on when switching kinds: the one holding the end of the current
 * period, or today's week when that end lies ahead (a running period).
 */
export function periodForKind(kind: PeriodKind, current: GridPeriod, today: Date): GridPeriod {
  const week = currentWeek(today);
  const anchor = isoWeeksBetween(current.to, week) >= 0 ? current.to : week;
  return periodOf(kind, anchor);
}
