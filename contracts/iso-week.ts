/**
 * ISO 8601 weeks (Monday start, week 1 holds the year's first Thursday), as `YYYY-Www` strings.
 * All arithmetic is done on UTC dates so time zones never shift a week.
 */
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type IsoWeek = string;

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function weeksInIsoYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28));
  return isoWeekOfDate(dec28).week;
}

export function isValidIsoWeek(text: string): boolean {
  const m = WEEK_PATTERN.exec(text);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInIsoYear(Number(m[1]));
}

/** The Monday (UTC midnight) that starts the ISO week. Throws on an invalid week string. */
export function mondayOfIsoWeek(text: IsoWeek): Date {
  const m = WEEK_PATTERN.exec(text);
  if (!m || !isValidIsoWeek(text)) throw new RangeError(`not an ISO week (expected YYYY-Www): ${text}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const week1Monday = jan4 - jan4Weekday * DAY_MS;
  return new Date(week1Monday + (week - 1) * WEEK_MS);
}

export function isoWeekOfDate(date: Date): { year: number; week: number } {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / WEEK_MS) + 1;
  return { year, week };
}

export function formatIsoWeek(year: number, week: number): IsoWeek {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

export function isoWeekFromDate(date: Date): IsoWeek {
  const { year, week } = isoWeekOfDate(date);
  return formatIsoWeek(year, week);
}

/** The ISO week `n` weeks after (or before, for negative n) the given one. */
export function addIsoWeeks(text: IsoWeek, n: number): IsoWeek {
  return isoWeekFromDate(new Date(mondayOfIsoWeek(text).getTime() + n * WEEK_MS));
}

/** Whole weeks from `from` to `to` (negative when `to` is earlier). */
export function isoWeeksBetween(from: IsoWeek, to: IsoWeek): number {
  return Math.round((mondayOfIsoWeek(to).getTime() - mondayOfIsoWeek(from).getTime()) / WEEK_MS);
}

/** Every ISO week from `from` to `to`, both included (empty when `to` is before `from`). */
export function isoWeekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const count = isoWeeksBetween(from, to) + 1;
  const start = mondayOfIsoWeek(from).getTime();
  const weeks: IsoWeek[] = [];
  for (let i = 0; i < count; i++) weeks.push(isoWeekFromDate(new Date(start + i * WEEK_MS)));
  return weeks;
}

/** `YYYY-MM-DD` of the Monday, the form DuckDB stores weeks in. */
export function mondayIsoDate(text: IsoWeek): string {
  return mondayOfIsoWeek(text).toISOString().slice(0, 10);
}

export function isoWeekFromMondayDate(isoDate: string): IsoWeek {
  return isoWeekFromDate(new Date(`${isoDate}T00:00:00Z`));
}
