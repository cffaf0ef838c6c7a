import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Cell } from '@wijksignaal/domain/disclosure/index';
import type { PublishedCell } from '../queries/published-cells.ts';
import type { ThemeArea } from '../queries/theme-areas.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount } from './shown-count.ts';

export interface WeeklyCountRow {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  week: IsoWeek;
  count: Cell;
}

/**
 * The weekly-counts export: every wijk × week of the range, each the published weekly cell the series of
 * that wijk shows (`<k` when the table has no row for it). Nothing is summed or complemented here: the file
 * holds the same cells as the views, so it says no more than they do.
 */
export function protectWeeklyCounts(
  areas: readonly ThemeArea[],
  range: { from: IsoWeek; to: IsoWeek },
  cells: readonly PublishedCell[],
  settings: DisclosureSettings,
): WeeklyCountRow[] {
  const byWijkWeek = new Map(cells.map((c) => [`${c.area}|${c.period}`, c.count]));
  const weeks = isoWeekRange(range.from, range.to);
  return areas.flatMap((area) =>
    weeks.map((week) => ({
      code: area.code,
      name: area.name,
      gemeenteCode: area.gemeenteCode,
      gemeenteName: area.gemeenteName,
      week,
      count: shownCount(byWijkWeek.get(`${area.code}|${week}`), settings.k),
    })),
  );
}
