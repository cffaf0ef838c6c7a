import type { AlarmLevelValue } from '@wijksignaal/contracts/http';
import { levelSeverity } from '@wijksignaal/domain/priority/alarm-level';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';

/** On equal levels the method an epidemiologist trusts most for a wijk series is shown. */
const PREFERENCE = ['farrington', 'earsC2', 'earsC3', 'earsC1', 'cusum'];

function preference(method: string): number {
  const i = PREFERENCE.indexOf(method);
  return i === -1 ? PREFERENCE.length : i;
}

/**
 * One verdict per week out of the rows of every method the pipeline stored: the worst level any evaluated
 * method gave (the pipeline's `worstLevel`, also what the overview's alarm level uses), shown with that
 * method's expected value and threshold. On a tie (also when all say `none`) Farrington wins when it was
 * evaluated, then EARS C2, C3, C1, then CUSUM. Null when no method evaluated the week.
 */
export function weekVerdict(rows: readonly StoredAlarmRow[]): StoredAlarmRow | null {
  let best: StoredAlarmRow | null = null;
  for (const row of rows) {
    if (!row.evaluated) continue;
    if (
      best === null ||
      levelSeverity(row.level) > levelSeverity(best.level) ||
      (row.level === best.level && preference(row.method) < preference(best.method))
    ) {
      best = row;
    }
  }
  return best;
}

/** Whether a level is at least as serious as the minimum asked for (`amber` includes `red`). */
export function atLeast(level: AlarmLevelValue, minimum: AlarmLevelValue): boolean {
  return levelSeverity(level) >= levelSeverity(minimum);
}
