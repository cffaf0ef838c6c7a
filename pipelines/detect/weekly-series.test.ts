import { describe, expect, it } from 'vitest';
import { assertWeeklySeries, buildWeeklySeries } from './weekly-series.ts';

describe('buildWeeklySeries', () => {
  it('zero-fills the weeks without rows', () => {
    const series = buildWeeklySeries([{ week: '2024-W02', count: 4 }], { from: '2024-W01', to: '2024-W03' });
    expect(series.map((p) => [p.week, p.count])).toEqual([
      ['2024-W01', 0],
      ['2024-W02', 4],
      ['2024-W03', 0],
    ]);
  });

  it('keeps ISO week 53 between week 52 and the next year', () => {
    const series = buildWeeklySeries([{ week: '2026-W53', count: 7 }], { from: '2026-W52', to: '2027-W01' });
    expect(series.map((p) => p.week)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(series[1]?.count).toBe(7);
  });

  it('marks only the running week partial', () => {
    const series = buildWeeklySeries([], { from: '2024-W01', to: '2024-W04', currentWeek: '2024-W04' });
    expect(series.map((p) => p.partial)).toEqual([false, false, false, true]);
  });

  it.each([
    [-1, 'count for 2024-W07 must be a whole number ≥ 0, got -1'],
    [2.5, 'count for 2024-W07 must be a whole number ≥ 0, got 2.5'],
    [Number.NaN, 'count for 2024-W07 must be a whole number ≥ 0, got NaN'],
  ])('rejects count %s with a clear message', (count, message) => {
    expect(() => buildWeeklySeries([{ week: '2024-W07', count }], { from: '2024-W01', to: '2024-W10' })).toThrow(message);
  });

  it('rejects weeks outside the range, duplicates and malformed weeks', () => {
    const range = { from: '2024-W01', to: '2024-W10' };
    expect(() => buildWeeklySeries([{ week: '2024-W11', count: 1 }], range)).toThrow('lies outside the series');
    expect(() =>
      buildWeeklySeries(
        [
          { week: '2024-W02', count: 1 },
          { week: '2024-W02', count: 2 },
        ],
        range,
      ),
    ).toThrow('appears more than once');
    expect(() => buildWeeklySeries([{ week: '2024-7', count: 1 }], range)).toThrow('is not an ISO week');
    expect(() => buildWeeklySeries([], { from: '2024-W10', to: '2024-W01' })).toThrow('lies before its start');
  });
});

describe('assertWeeklySeries', () => {
  it('rejects a gap between weeks', () => {
    const gappy = [
      { week: '2024-W01', count: 1, partial: false },
      { week: '2024-W03', count: 1, partial: false },
    ];
    expect(() => assertWeeklySeries(gappy)).toThrow('2024-W03 does not follow 2024-W01');
  });

  it('accepts an empty series', () => {
    expect(() => assertWeeklySeries([])).not.toThrow();
  });
});
