import { addIsoWeeks, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { latestCompletePeriod, periodOf, periodWeeks, type GridPeriod } from '../published/period-grid.ts';

/** The grid periods the priority score reads: all complete, all published cells. */
export interface PriorityPeriods {
  /** The SMR against the region: the latest complete quarter. */
  smr: GridPeriod;
  /** The trend's recent window: the latest complete 4-week period. */
  recent: GridPeriod;
  /** The trend's reference: the three 4-week periods before it. */
  prior: GridPeriod[];
}

/** Three 4-week periods of reference: twelve weeks, about a quarter. */
export const TREND_PRIOR_PERIODS = 3;

export function priorityPeriods(currentWeek: IsoWeek): PriorityPeriods {
  const lastComplete = addIsoWeeks(currentWeek, -1);
  const recent = latestCompletePeriod('fourWeeks', lastComplete);
  const prior: GridPeriod[] = [];
  let before = recent;
  for (let i = 0; i < TREND_PRIOR_PERIODS; i++) {
    before = periodOf('fourWeeks', addIsoWeeks(before.from, -1));
    prior.unshift(before);
  }
  return { smr: latestCompletePeriod('quarter', lastComplete), recent, prior };
}

export function weeksIn(periods: readonly GridPeriod[]): number {
  return periods.reduce((sum, p) => sum + periodWeeks(p).length, 0);
}
