import { isValidIsoWeek, isoWeekRange, isoWeeksBetween, weeksInIsoYear, type IsoWeek } from '@wijksignaal/contracts/iso-week';

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

const weeksPerYear = new Map<number, number>();

function cachedWeeksInYear(year: number): number {
  let weeks = weeksPerYear.get(year);
  if (weeks === undefined) {
    weeks = weeksInIsoYear(year);
    weeksPerYear.set(year, weeks);
  }
  return weeks;
}

function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

/**
 * year·100 + week of a `YYYY-Www` label, NaN when malformed. Read digit by digit: the detection chain
 * checks millions of labels per run, and a regex plus Date per label dominated its time.
 */
function weekKey(week: IsoWeek): number {
  if (week.length !== 8 || week.charCodeAt(4) !== 45 || week.charCodeAt(5) !== 87) return NaN;
  const year = digit(week, 0) * 1000 + digit(week, 1) * 100 + digit(week, 2) * 10 + digit(week, 3);
  return year * 100 + digit(week, 6) * 10 + digit(week, 7);
}

function follows(previousKey: number, key: number): boolean {
  if (key === previousKey + 1) return key % 100 <= cachedWeeksInYear(Math.floor(key / 100));
  const year = Math.floor(previousKey / 100);
  return previousKey % 100 === cachedWeeksInYear(year) && key === (year + 1) * 100 + 1;
}

/** Checks a series handed to a detection method: consecutive ISO weeks and valid counts. */
export function assertWeeklySeries(series: WeeklySeries): void {
  let previousKey = NaN;
  for (let i = 0; i < series.length; i++) {
    const point = series[i] as WeeklyPoint;
    if (i === 0 && !isValidIsoWeek(point.week)) throw new Error(`week ${point.week} is not an ISO week (expected YYYY-Www)`);
    assertCount(point.week, point.count);
    const key = weekKey(point.week);
    if (i > 0 && !follows(previousKey, key)) {
      const previous = series[i - 1]?.week ?? '';
      throw new Error(`week ${point.week} does not follow ${previous}; zero-fill the series with buildWeeklySeries`);
    }
    previousKey = key;
  }
}
