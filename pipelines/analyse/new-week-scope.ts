import { addIsoWeeks, isoWeekRange, isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { FARRINGTON_FROM_WEEKS, MIN_HISTORY_WEEKS } from '../detect/choose-methods.ts';
import type { RefreshScope } from './refresh-alarms.ts';

/**
 * What a run in a new ISO week must detect again, when the stored alarms are complete for week `last`:
 * the weeks from `last` on (it was running, now it is complete, and the weeks after it are new), and the
 * weeks that have left Farrington's window since (their verdict is now EARS's alone). Every other week
 * reads the same counts with the same methods as before, so its rows stay. Null when a series' choice of
 * methods changes between the two weeks (its history crosses 7 or 78 complete weeks): then every week
 * of it changes, and the run must be a full one.
 */
export function newWeekScope(
  last: IsoWeek,
  current: IsoWeek,
  themeStarts: ReadonlyMap<string, IsoWeek>,
  farringtonWeeks: number,
): RefreshScope | null {
  if (isoWeeksBetween(last, current) <= 0) return null;
  const category = (start: IsoWeek, week: IsoWeek) => {
    const history = isoWeeksBetween(start, week);
    return history >= FARRINGTON_FROM_WEEKS ? 2 : history >= MIN_HISTORY_WEEKS ? 1 : 0;
  };
  for (const start of themeStarts.values()) if (category(start, last) !== category(start, current)) return null;
  // Farrington judged last − F … last − 1 then and judges current − F … current − 1 now.
  const leftFrom = addIsoWeeks(last, -farringtonWeeks);
  const leftTo = addIsoWeeks(current, -farringtonWeeks - 1);
  const lastBefore = addIsoWeeks(last, -1);
  const to = isoWeeksBetween(leftTo, lastBefore) < 0 ? lastBefore : leftTo;
  const also = farringtonWeeks > 0 && isoWeeksBetween(leftFrom, to) >= 0 ? isoWeekRange(leftFrom, to) : [];
  return { from: last, also };
}
