import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { isSuppressed, protectTable, type Cell } from '@wijksignaal/domain/disclosure/index';
import type { DisclosureSettings } from './disclosure-settings.ts';

export interface ProtectedWeeks {
  cells: Map<IsoWeek, Cell>;
  /**
   * Whether a figure computed from the weeks `from`..`to` (an expected value, a threshold) must be hidden:
   * when one of them is hidden here, or holds a small count (it may be shown as `<k` in another period).
   * An unknown window is treated as unsafe.
   */
  hidesBaseline(from: IsoWeek | null, to: IsoWeek | null): boolean;
}

/**
 * The weeks of one wijk × theme over a period: they add up to the wijk's period count, which the overview
 * publishes, so secondary suppression runs over them even though this view shows no total.
 */
export function protectWeeks(
  period: readonly IsoWeek[],
  counts: ReadonlyMap<IsoWeek, number>,
  settings: DisclosureSettings,
): ProtectedWeeks {
  const rows = period.map((week) => ({ week, count: counts.get(week) ?? 0 }));
  const table = protectTable({
    rows,
    countField: 'count',
    relations: [{ name: 'period', key: () => 'all', totalPublished: false }],
    k: settings.k,
    minDenominator: settings.minDenominator,
  });
  const cells = new Map<IsoWeek, Cell>(table.rows.map((row) => [row.week, row.count]));
  return {
    cells,
    hidesBaseline(from, to) {
      if (from === null || to === null) return true;
      for (const week of isoWeekRange(from, to)) {
        const n = counts.get(week) ?? 0;
        if (n >= 1 && n < settings.k) return true;
        const cell = cells.get(week);
        if (cell !== undefined && isSuppressed(cell)) return true;
      }
      return false;
    },
  };
}
