import { describe, expect, it } from 'vitest';
import { seededRandom } from '@wijksignaal/areas/seeded-random';
import { storedParams } from './alarm-columns.ts';
import { detectBatch } from './detect-batch.ts';
import { DETECT_SERIES_DEFAULTS, detectSeries } from './detect-series.ts';
import { weeklyPoints, windowWeeks } from './series-from-cube.ts';

const weeks = windowWeeks({ currentWeek: '2026-W48', historyWeeks: 120 });

function counts(seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from(weeks, () => Math.floor(random.next() * 8));
}

describe('detectBatch', () => {
  // WK4 repeats WK1's counts and start (its rows are copies), WK5 the same counts from another start and
  // WK6 WK2's counts but one week changed: both must be detected on their own.
  it('gives, column by column, exactly the rows detectSeries gives each series, repeated counts included', () => {
    const changed = counts(2);
    changed[weeks.length - 3] = (changed[weeks.length - 3] as number) + 9;
    const series = [counts(1), counts(2), new Float64Array(weeks.length), counts(1), counts(1), changed];
    const from = Int32Array.from([0, 30, 110, 0, 20, 30]);
    const flat = new Float64Array(series.length * weeks.length);
    series.forEach((c, i) => flat.set(c, i * weeks.length));
    const wijk = ['WK1', 'WK2', 'WK3', 'WK4', 'WK5', 'WK6'];
    const theme = ['loneliness', 'escalation', 'loneliness', 'loneliness', 'loneliness', 'escalation'];
    const batch = { weeks, wijk, theme, from, counts: flat };
    const columns = detectBatch(batch, DETECT_SERIES_DEFAULTS);

    const expected = series.flatMap((c, s) =>
      detectSeries(batch.wijk[s]!, batch.theme[s]!, weeklyPoints(weeks, c, from[s]!)).map((row) => ({ s, row })),
    );
    expect(columns.length).toBe(expected.length);
    const orNaN = (v: number | null) => (v !== null && Number.isFinite(v) ? v : NaN);
    expected.forEach(({ s, row }, i) => {
      expect(columns.series[i]).toBe(s);
      expect(weeks[columns.week[i]!]).toBe(row.week);
      expect(columns.strings[columns.method[i]!]).toBe(row.method);
      expect(columns.strings[columns.level[i]!]).toBe(row.level);
      expect(columns.reason[i]! < 0 ? null : columns.strings[columns.reason[i]!]).toBe(row.reason);
      expect(columns.strings[columns.params[i]!]).toBe(storedParams(row));
      expect(columns.alarm[i]).toBe(row.alarm ? 1 : 0);
      expect(columns.observed[i]).toBe(orNaN(row.observed));
      expect(columns.expected[i]).toBe(orNaN(row.expected));
      expect(columns.threshold[i]).toBe(orNaN(row.threshold));
      expect(columns.statistic[i]).toBe(orNaN(row.statistic));
      expect(columns.pValue[i]).toBe(orNaN(row.pValue));
    });
    expect(columns.strings.length).toBe(new Set(columns.strings).size);
    expect(new Set(columns.series)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it('detects a repeated series with known-event weeks on its own, not as a copy', () => {
    const flat = new Float64Array(2 * weeks.length);
    flat.set(counts(3), 0);
    flat.set(counts(3), weeks.length);
    const marked = weeks.length - 6;
    const batch = {
      weeks,
      wijk: ['WK1', 'WK2'],
      theme: ['loneliness', 'loneliness'],
      from: Int32Array.from([0, 0]),
      counts: flat,
      known: { series: Int32Array.from([1]), week: Int32Array.from([marked]), baseline: Float64Array.from([0]) },
    };
    const columns = detectBatch(batch, DETECT_SERIES_DEFAULTS);
    const paramsOf = (s: number) =>
      Array.from(columns.series.keys())
        .filter((i) => columns.series[i] === s)
        .map((i) => columns.strings[columns.params[i]!]);
    expect(paramsOf(0).some((p) => p?.includes('knownEventWeeks'))).toBe(false);
    expect(paramsOf(1).some((p) => p?.includes(`"knownEventWeeks":["${weeks[marked]}"]`))).toBe(true);
  });
});
