import { levelSeverity, type AlarmLevel } from './alarm-level.ts';

/**
 * Which of a week's method results is its verdict: the worst level any evaluated method gave, and on a
 * tie (also when all say `none`) the method an epidemiologist trusts most for a wijk series — Farrington
 * when it was evaluated, then EARS C2, C3, C1, then CUSUM. Null when no method evaluated the week.
 * The pipeline uses it to decide which rows a quiet week keeps (the verdict's only), the API to show it.
 */

export interface VerdictCandidate {
  method: string;
  level: AlarmLevel;
  evaluated: boolean;
}

const PREFERENCE = ['farrington', 'earsC2', 'earsC3', 'earsC1', 'cusum'];

function preference(method: string): number {
  const i = PREFERENCE.indexOf(method);
  return i === -1 ? PREFERENCE.length : i;
}

export function weekVerdict<T extends VerdictCandidate>(rows: readonly T[]): T | null {
  return pickVerdict(rows, (row) => row.evaluated);
}

/** The same rule for rows that say in their own way whether the method evaluated the week. */
export function pickVerdict<T extends Omit<VerdictCandidate, 'evaluated'>>(rows: readonly T[], evaluated: (row: T) => boolean): T | null {
  let best: T | null = null;
  for (const row of rows) {
    if (!evaluated(row)) continue;
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
