import { addIsoWeeks, isoWeeksBetween } from '@wijksignaal/contracts/iso-week';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { currentWeek } from './period-choices.ts';

/**
 * The weeks a Wijk page's trend charts show for a chosen period. The series is published per week (each
 * bar one week's cell), so it may run over any weeks: the period up to today's week (a running period has
 * no bars ahead), stretched back to at least TREND_MIN_WEEKS so a single week or a 4-week period still
 * shows where it came from.
 */
export const TREND_MIN_WEEKS = 13;

export function trendWindow(period: GridPeriod, today: Date): { from: string; to: string } {
  const week = currentWeek(today);
  const to = isoWeeksBetween(period.to, week) >= 0 ? period.to : week;
  const weeks = isoWeeksBetween(period.from, to) + 1;
  const from = weeks >= TREND_MIN_WEEKS ? period.from : addIsoWeeks(to, -(TREND_MIN_WEEKS - 1));
  return { from, to };
}
