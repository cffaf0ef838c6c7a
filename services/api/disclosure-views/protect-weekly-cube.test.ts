import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { isSuppressed } from '@wijksignaal/domain/disclosure/index';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import { protectWeeklyCube } from './protect-weekly-cube.ts';
import { protectWeeks } from './protect-weeks.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

const SETTINGS = { k: 5, minDenominator: 100 };
const WEEKS = isoWeekRange('2025-W01', '2025-W04');

function figures(counts: number[][], gemeenteOf: (w: number) => string): WijkFigures[] {
  return counts.map((weeks, w) => ({
    code: `WK0000${String(w).padStart(2, '0')}`,
    name: `Wijk ${w}`,
    gemeenteCode: gemeenteOf(w),
    gemeenteName: gemeenteOf(w),
    count: weeks.reduce((a, b) => a + b, 0),
    residents: 1000,
    exactResidents: 1000,
    ratePer1000: null,
    rate: null,
    smr: null,
  }));
}

function cube(counts: number[][]): Map<string, Map<IsoWeek, number>> {
  return new Map(
    counts.map((weeks, w) => [`WK0000${String(w).padStart(2, '0')}`, new Map(WEEKS.map((week, t) => [week, weeks[t] ?? 0]))]),
  );
}

describe('protectWeeklyCube', () => {
  it('hides the worked example of DESIGN.md §6 within a gemeente-week', () => {
    // One week, four wijken of one gemeente: [12, 3, 0, 9] → {3, 0, 9} hidden.
    const counts = [
      [12, 10, 10, 10],
      [3, 10, 10, 10],
      [0, 10, 10, 10],
      [9, 10, 10, 10],
    ];
    const rows = protectWeeklyCube(
      figures(counts, () => 'GM1'),
      WEEKS,
      cube(counts),
      SETTINGS,
    );
    const firstWeek = rows.filter((r) => r.week === '2025-W01').map((r) => r.count);
    expect(firstWeek[0]).toBe(12);
    expect(firstWeek.slice(1).every(isSuppressed)).toBe(true);
    expect(firstWeek[1]).toEqual({ suppressed: true, display: '<5' });
  });

  it('never publishes a small count, and hides at least what the series and the overview hide', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 })), {
            minLength: 4,
            maxLength: 4,
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (counts) => {
          const f = figures(counts, (w) => `GM${w % 2}`);
          const rows = protectWeeklyCube(f, WEEKS, cube(counts), SETTINGS);
          const overview = protectWijkFigures(f, SETTINGS);
          counts.forEach((weeks, w) => {
            const own = rows.slice(w * WEEKS.length, (w + 1) * WEEKS.length);
            own.forEach((row, t) => {
              if (typeof row.count === 'number') {
                expect(row.count).toBe(weeks[t]);
                expect(row.count === 0 || row.count >= SETTINGS.k).toBe(true);
              }
            });
            const series = protectWeeks(WEEKS, new Map(WEEKS.map((week, t) => [week, weeks[t] ?? 0])), SETTINGS).cells;
            WEEKS.forEach((week, t) => {
              if (isSuppressed(series.get(week))) expect(isSuppressed(own[t]!.count)).toBe(true);
            });
            const hiddenWeeks = own.filter((r) => isSuppressed(r.count)).length;
            const total = weeks.reduce((a, b) => a + b, 0);
            // A hidden period count needs a hidden week (else the weeks add up to it); one hidden week alone
            // would follow from the total.
            if (isSuppressed(overview[w]!.count) && total > 0) expect(hiddenWeeks).toBeGreaterThanOrEqual(1);
            expect(hiddenWeeks === 0 || hiddenWeeks >= 2 || isSuppressed(overview[w]!.count)).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
