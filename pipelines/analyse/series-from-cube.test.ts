import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { buildWeeklySeries } from '../detect/weekly-series.ts';
import { seriesFromRows, windowWeeks } from './series-from-cube.ts';

describe('seriesFromRows', () => {
  it('gives the same points as buildWeeklySeries, from the theme start up to the running week', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { minLength: 3, maxLength: 120 }),
        fc.nat(119),
        fc.constantFrom('2026-W48', '2027-W01', '2026-W53'),
        (values, firstOffset, currentWeek) => {
          const window = { currentWeek, historyWeeks: values.length };
          const weeks = windowWeeks(window);
          const first = Math.min(firstOffset, values.length - 1);
          const counts = Float64Array.from(values, (v, i) => (i < first ? 0 : v));
          const { series, themeStarts } = seriesFromRows([{ wijk: 'WK1', theme: 'escalation', first, counts }], window);
          const from = weeks[first]!;
          const expected = buildWeeklySeries(
            weeks.slice(first).map((week, i) => ({ week, count: counts[first + i]! })),
            { from, to: currentWeek, currentWeek },
          );
          expect(series[0]!.series).toEqual(expected);
          expect(themeStarts.get('escalation')).toBe(from);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('starts every series of a theme at the earliest week any wijk of that theme has data', () => {
    const window = { currentWeek: '2026-W48', historyWeeks: 10 };
    const counts = new Float64Array(10);
    counts[8] = 2;
    const early = new Float64Array(10);
    early[2] = 1;
    const { series } = seriesFromRows(
      [
        { wijk: 'WK1', theme: 'loneliness', first: 2, counts: early },
        { wijk: 'WK2', theme: 'loneliness', first: 8, counts },
      ],
      window,
    );
    expect(series[1]!.series[0]!.week).toBe(addIsoWeeks('2026-W48', -7));
    expect(series[1]!.series.filter((p) => p.count > 0)).toHaveLength(1);
  });

  it('remembers an earlier theme start from a previous read', () => {
    const counts = new Float64Array(10);
    counts[8] = 2;
    const { series } = seriesFromRows([{ wijk: 'WK2', theme: 'loneliness', first: 8, counts }], {
      currentWeek: '2026-W48',
      historyWeeks: 10,
      themeStarts: new Map([['loneliness', '2020-W01']]),
    });
    expect(series[0]!.series).toHaveLength(10);
  });
});
