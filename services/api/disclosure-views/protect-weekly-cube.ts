import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { hidden, isSuppressed, smallCount, type Cell } from '@wijksignaal/domain/disclosure/index';
import { suppressSecondary, type AdditiveRelation, type CellStatus } from '@wijksignaal/domain/disclosure/secondary-suppression';
import { isSmallCount } from '@wijksignaal/domain/disclosure/primary-suppression';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWeeks } from './protect-weeks.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

export interface WeeklyCubeRow {
  code: string;
  name: string;
  gemeenteCode: string;
  gemeenteName: string;
  week: IsoWeek;
  count: Cell;
}

/**
 * The weekly counts of one theme, every wijk × week of a period, for the export. This table exposes two
 * additive relations at once: the weeks of a wijk add up to the wijk's period count (the overview shows
 * it), and the wijken of a gemeente add up to the gemeente's weekly count. Starting from what the other
 * views already hide — the overview's wijk counts (protect-wijk-figures.ts) and each wijk's series
 * (protect-weeks.ts) — complements are added until every relation is safe, so the export hides at least
 * what they hide and never publishes a cell that would let one of their hidden cells be worked out.
 */
export function protectWeeklyCube(
  figures: readonly WijkFigures[],
  weeks: readonly IsoWeek[],
  counts: ReadonlyMap<string, ReadonlyMap<IsoWeek, number>>,
  settings: DisclosureSettings,
): WeeklyCubeRow[] {
  const k = settings.k;
  const overview = protectWijkFigures(figures, settings);
  const W = weeks.length;
  const totalIndex = (w: number) => figures.length * W + w;
  const values: number[] = [];
  const status: CellStatus[] = [];

  figures.forEach((wijk) => {
    const series = new Map(weeks.map((week) => [week, counts.get(wijk.code)?.get(week) ?? 0]));
    const seriesView = protectWeeks(weeks, series, settings).cells;
    for (const week of weeks) {
      const n = series.get(week) ?? 0;
      values.push(n);
      const shown = seriesView.get(week);
      status.push(isSmallCount(n, k) ? 'primary' : shown !== undefined && isSuppressed(shown) ? 'secondary' : 'published');
    }
  });
  figures.forEach((wijk, w) => {
    const total = weeks.reduce((sum, _, t) => sum + (values[w * W + t] ?? 0), 0);
    values.push(total);
    const shown = overview[w]?.count;
    status.push(isSmallCount(total, k) ? 'primary' : shown !== undefined && isSuppressed(shown) ? 'secondary' : 'published');
  });

  const relations: AdditiveRelation[] = [];
  // A wijk's weeks and its period count: whichever of them is hidden, the others must not give it away.
  figures.forEach((_, w) => relations.push({ members: [...weeks.map((_, t) => w * W + t), totalIndex(w)] }));
  const byGemeente = new Map<string, number[]>();
  figures.forEach((wijk, w) => byGemeente.set(wijk.gemeenteCode, [...(byGemeente.get(wijk.gemeenteCode) ?? []), w]));
  for (const members of byGemeente.values()) {
    relations.push({ members: members.map(totalIndex) });
    weeks.forEach((_, t) => relations.push({ members: members.map((w) => w * W + t) }));
  }

  const final = suppressSecondary(values, status, relations, k);
  const rows: WeeklyCubeRow[] = [];
  figures.forEach((wijk, w) => {
    weeks.forEach((week, t) => {
      const i = w * W + t;
      const s = final[i];
      const count: Cell = s === 'primary' ? smallCount(k) : s === 'secondary' ? hidden() : (values[i] ?? 0);
      rows.push({
        code: wijk.code,
        name: wijk.name,
        gemeenteCode: wijk.gemeenteCode,
        gemeenteName: wijk.gemeenteName,
        week,
        count,
      });
    });
  });
  return rows;
}
