import fc from 'fast-check';
import { addIsoWeeks, isoWeekFromDate, isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES, type Theme } from '@wijksignaal/contracts/signal';
import type { PublishedLevel } from '@wijksignaal/contracts/snapshot';
import { periodOf, type GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { createDetectionPool } from '@wijksignaal/pipelines/analyse/detection-pool';
import { refreshAlarms } from '@wijksignaal/pipelines/analyse/refresh-alarms';
import { refreshPriorities } from '@wijksignaal/pipelines/analyse/refresh-priorities';
import type { SnapshotContent } from '../support/write-snapshot.ts';

/**
 * Random small snapshots for the disclosure property test: a few wijken in up to three gemeenten, sparse
 * signals over the 31 weeks up to "now" (2025-W10), with the pipeline's own alarms and priorities. The
 * truth of every published cell is known, so the test can check what an attacker can and cannot infer.
 */
export const NOW = new Date('2025-03-05T12:00:00Z');
export const CURRENT: IsoWeek = isoWeekFromDate(NOW);
/** Every week a series is read for: all of 2024 (the year cell) up to the running week. */
export const SERIES_WEEKS = isoWeekRange('2024-W01', CURRENT);
/** The periods every overview is read for: the default quarter (2024-Q4), its 4-week periods, the year, Q1 2025. */
export const DEFAULT_QUARTER = periodOf('quarter', '2024-W40');
export const OVERVIEW_PERIODS: GridPeriod[] = [
  DEFAULT_QUARTER,
  ...['2024-W37', '2024-W41', '2024-W45', '2024-W49'].map((w) => periodOf('fourWeeks', w)),
  periodOf('year', '2024-W01'),
  periodOf('quarter', '2025-W01'),
];
/** The periods every profile is read for (breakdowns, gemeente and region). */
export const PROFILE_PERIODS: GridPeriod[] = [DEFAULT_QUARTER, periodOf('quarter', '2025-W01')];
const AGE_BANDS = ['0-3', '12-14', '15-17', '25-44', '45-64', '75+', 'unknown'] as const;

export interface World {
  k: number;
  wijken: { gemeente: number; bands: number[]; no65: boolean }[];
  counts: {
    wijk: number;
    weeksBack: number;
    theme: Theme;
    ageBand: string;
    category: number;
    source: (typeof SOURCE_KINDS)[number];
    n: number;
  }[];
}

export const world = fc.record({
  k: fc.constantFrom(3, 5, 7),
  wijken: fc.array(
    fc.record({
      gemeente: fc.integer({ min: 0, max: 2 }),
      bands: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 5, maxLength: 5 }),
      no65: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  counts: fc.array(
    fc.record({
      wijk: fc.nat({ max: 5 }),
      weeksBack: fc.integer({ min: 0, max: 30 }),
      theme: fc.constantFrom(...THEMES),
      ageBand: fc.constantFrom(...AGE_BANDS),
      category: fc.nat({ max: 4 }),
      source: fc.constantFrom(...SOURCE_KINDS.slice(0, 3)),
      n: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 15 })),
    }),
    { maxLength: 60 },
  ),
});

const categoryOf = (theme: Theme, i: number): string => CATEGORIES_BY_THEME[theme][i % CATEGORIES_BY_THEME[theme].length]!;
const codeOf = (i: number, gemeente: number) => `WK000${gemeente + 1}${String(i).padStart(2, '0')}`;

export function snapshotOf(w: World): SnapshotContent {
  const codes = w.wijken.map((x, i) => codeOf(i, x.gemeente));
  const rows = w.counts.filter((c) => c.wijk < w.wijken.length);
  return {
    k: w.k,
    areas: w.wijken.map((x, i) => ({
      code: codes[i]!,
      name: `Wijk ${i}`,
      gemeenteCode: `GM000${x.gemeente + 1}`,
      gemeenteName: `Gemeente ${x.gemeente + 1}`,
      year: 2024,
      residents: x.bands.reduce((a, b) => a + b, 0),
    })),
    population: w.wijken.flatMap((x, i) =>
      CBS_BANDS.filter((band) => !(x.no65 && band === '65+')).map((band, b) => ({
        code: codes[i]!,
        year: 2024,
        band,
        residents: x.bands[b] ?? 0,
      })),
    ),
    weeklyCounts: rows.map((c) => ({
      wijk: codes[c.wijk]!,
      week: addIsoWeeks(CURRENT, -c.weeksBack),
      theme: c.theme,
      ageBand: c.ageBand,
      category: categoryOf(c.theme, c.category),
      sourceKind: c.source,
      n: c.n,
    })),
    analyse: async (conn, { k }) => {
      if (rows.length > 0) {
        const pool = createDetectionPool(1);
        try {
          await refreshAlarms(conn, 'all', { currentWeek: CURRENT, k, pool });
        } finally {
          await pool.close();
        }
      }
      await refreshPriorities(conn, { currentWeek: CURRENT, k });
    },
  };
}

/** One cell of the published grid, as an id the attacker and the truth share. */
export interface CellRef {
  theme: string;
  level: PublishedLevel;
  area: string;
  from: IsoWeek;
  to: IsoWeek;
  dimension: 'total' | 'category' | 'source' | 'ageBand';
  value: string;
}

export const cellId = (c: CellRef): string => [c.theme, c.level, c.area, c.from, c.to, c.dimension, c.value].join('|');

/** The true count of a cell, summed from the snapshot's cube rows (what the attacker is after). */
export function trueCount(content: SnapshotContent, cell: CellRef): number {
  const gemeenteOf = new Map((content.areas ?? []).map((a) => [a.code, a.gemeenteCode]));
  const weeks = new Set(isoWeekRange(cell.from, cell.to));
  const field = { total: null, category: 'category', source: 'sourceKind', ageBand: 'ageBand' } as const;
  return (content.weeklyCounts ?? [])
    .filter(
      (r) =>
        r.theme === cell.theme &&
        weeks.has(r.week) &&
        (cell.level === 'region' || (cell.level === 'wijk' ? r.wijk : gemeenteOf.get(r.wijk)) === cell.area) &&
        (field[cell.dimension] === null || r[field[cell.dimension]!] === cell.value),
    )
    .reduce((s, r) => s + r.n, 0);
}
