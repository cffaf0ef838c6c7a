import { addIsoWeeks, isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { ALARM_WEEKS } from '@wijksignaal/domain/priority/priority-score';

/**
 * The weeks the overview's alarm level is read from: the last ALARM_WEEKS (2, as the pipeline's priority
 * score uses) complete weeks of the period. The running week is never evaluated, so it is left out; a
 * period of only the running week gives the week before it.
 */
export function alarmWindow(period: { from: IsoWeek; to: IsoWeek }, currentWeek: IsoWeek): { from: IsoWeek; to: IsoWeek } {
  const lastComplete = addIsoWeeks(currentWeek, -1);
  const to = isoWeeksBetween(period.to, lastComplete) < 0 ? lastComplete : period.to;
  const earliest = addIsoWeeks(to, -(ALARM_WEEKS - 1));
  const from = isoWeeksBetween(period.from, earliest) < 0 && isoWeeksBetween(period.from, to) >= 0 ? period.from : earliest;
  return { from, to };
}
