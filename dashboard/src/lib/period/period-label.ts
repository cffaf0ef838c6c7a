import { isValidIsoWeek } from '@wijksignaal/contracts/iso-week';
import { gridPeriod, type GridPeriod } from '@wijksignaal/domain/published/period-grid';
import type { Translate } from '../i18n/create-translator.ts';

/**
 * A grid period in words: "2025 kwartaal 1 (week 1–13)", "2025 periode 3 (week 9–12)", "2025 week 7",
 * "2025 (week 1–52)"; in English "2025 Q1 (weeks 1–13)" and so on. The index comes from the grid's own
 * label (`2025-Q1`, `2025-P03`), the week numbers from `from` and `to`.
 */
export function periodLabel(period: GridPeriod, t: Translate): string {
  const year = Number(period.from.slice(0, 4));
  const first = Number(period.from.slice(6));
  const last = Number(period.to.slice(6));
  const index = Number(/[PQ](\d+)$/.exec(period.label)?.[1] ?? 0);
  return t(`period.label.${period.kind}`, { year, index, first, last });
}

/** A window of weeks in words: its grid label when it is a grid period, else "week … tot en met …". */
export function weeksLabel(from: string, to: string, t: Translate): string {
  const period = isValidIsoWeek(from) && isValidIsoWeek(to) ? gridPeriod(from, to) : null;
  return period !== null ? periodLabel(period, t) : t('period.summary', { from, to });
}
