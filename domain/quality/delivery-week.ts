const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The Monday (YYYY-MM-DD, UTC) of the ISO week an instant falls in: the delivery week of a message. */
export function deliveryWeekOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is the days since Monday.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday `n` weeks after (or before, n < 0) a Monday. */
export function addWeeks(monday: string, n: number): string {
  return new Date(Date.parse(`${monday}T00:00:00Z`) + n * WEEK_MS).toISOString().slice(0, 10);
}

/** Whole weeks from one Monday to another (negative when `to` comes first). */
export function weeksBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / WEEK_MS);
}
