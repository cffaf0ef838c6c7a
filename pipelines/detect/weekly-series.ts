import { isValidIsoWeek, isoWeekRange, isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';

/**
 * The input of every detection method: one point per ISO week, no gaps, oldest first.
 * Aggregates arrive sparse (weeks without signals have no row), so the series is zero-filled here; the
 * week that is still running is kept for display but flagged partial, because its count is not final.
 */

export interface WeeklyPoint {
  week: IsoWeek;
  count: number;
  /** The current, unfinished week: shown, never evaluated. */
  partial: boolean;
}

export type WeeklySeries = readonly WeeklyPoint[];

export interface SparseWeekCount {
  week: IsoWeek;
  count: number;
}

export interface WeeklySeriesOptions {
  from: IsoWeek;
  to: IsoWeek;
  /** The week in progress; when it lies inside [from, to] that point is marked partial. */
  currentWeek?: IsoWeek;
}

/** Throws the one-line message the CLI and the pipeline show when a count cannot be a case count. */
export function assertCount(week: IsoWeek, count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`count for ${week} must be a whole number ≥ 0, got ${String(count)}`);
  }
}

export function buildWeeklySeries(rows: readonly SparseWeekCount[], options: WeeklySeriesOptions): WeeklyPoint[] {
  const { from, to, currentWeek } = options;
  for (const week of [from, to]) {
    if (!isValidIsoWeek(week)) throw new Error(`series bound ${week} is not an ISO week (expected YYYY-Www)`);
  }
  if (isoWeeksBetween(from, to) < 0) throw new Error(`series end ${to} lies before its start ${from}`);
  if (currentWeek !== undefined && !isValidIsoWeek(currentWeek)) {
    throw new Error(`current week ${currentWeek} is not an ISO week (expected YYYY-Www)`);
  }

  const counts = new Map<IsoWeek, number>();
  for (const row of rows) {
    if (!isValidIsoWeek(row.week)) throw new Error(`week ${row.week} is not an ISO week (expected YYYY-Www)`);
    assertCount(row.week, row.count);
    if (counts.has(row.week)) throw new Error(`week ${row.week} appears more than once`);
    if (isoWeeksBetween(from, row.week) < 0 || isoWeeksBetween(row.week, to) < 0) {
      throw new Error(`week ${row.week} lies outside the series ${from} … ${to}`);
    }
    counts.set(row.week, row.count);
  }

  return isoWeekRange(from, to).map((week) => ({
    week,
    count: counts.get(week) ?? 0,
    partial: week === currentWeek,
  }));
}

/** Checks a series handed to a detection method: consecutive ISO weeks and valid counts. */
export function assertWeeklySeries(series: WeeklySeries): void {
  let previous: IsoWeek | null = null;
  for (const point of series) {
    if (!isValidIsoWeek(point.week)) throw new Error(`week ${point.week} is not an ISO week (expected YYYY-Www)`);
    assertCount(point.week, point.count);
    if (previous !== null && isoWeeksBetween(previous, point.week) !== 1) {
      throw new Error(`week ${point.week} does not follow ${previous}; zero-fill the series with buildWeeklySeries`);
    }
    previous = point.week;
  }
}
