import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { describe, expect, it } from 'vitest';
import { cusum } from './cusum.ts';
import type { WeeklyPoint } from './weekly-series.ts';

function seriesOf(counts: readonly number[], first = '2024-W01'): WeeklyPoint[] {
  return counts.map((count, i) => ({ week: addIsoWeeks(first, i), count, partial: false }));
}

describe('cusum', () => {
  it('explains instead of throwing when the training weeks hold no cases', () => {
    const results = cusum(seriesOf(new Array<number>(60).fill(0)));
    expect(results.at(-1)?.notEvaluatedReason).toMatch(/no cases/);
    expect(results.some((r) => r.alarm)).toBe(false);
  });

  it('explains a one-week series', () => {
    expect(cusum(seriesOf([3]))[0]?.notEvaluatedReason).toMatch(/training/);
    expect(cusum(seriesOf([3]), { evaluateFrom: '2024-W01' })[0]?.notEvaluatedReason).toMatch(/at least 1 training week/);
  });

  it('restarts the sum after an alarm when reset is on, and keeps it without', () => {
    const counts = [...new Array<number>(10).fill(4), 20, 6, 6];
    const options = { evaluateFrom: '2024-W11', m: 4 } as const;
    const withReset = cusum(seriesOf(counts), { ...options, reset: true });
    const without = cusum(seriesOf(counts), { ...options, reset: false });
    expect(withReset[10]).toMatchObject({ alarm: true, statistic: 0 });
    expect(without[10]?.alarm).toBe(true);
    expect(without[10]?.statistic).toBeCloseTo((20 - 4) / 2 - 1.04, 12);
    expect(without[11]?.alarm).toBe(true);
    expect(withReset[11]?.alarm).toBe(false);
  });

  it('runs across week 53 and leaves the running week out', () => {
    const series = seriesOf([...new Array<number>(9).fill(3), 12], '2026-W45');
    expect(series.some((p) => p.week === '2026-W53')).toBe(true);
    const running = series.map((p, i) => (i === series.length - 1 ? { ...p, partial: true } : p));
    const results = cusum(running, { evaluateFrom: '2026-W50' });
    expect(results.at(-1)?.notEvaluatedReason).toMatch(/still running/);
    expect(results.filter((r) => r.notEvaluatedReason === null).map((r) => r.week)).toEqual([
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
    ]);
  });

  it('rejects negative counts with the clear message', () => {
    expect(() => cusum(seriesOf([2, -1]))).toThrow('count for 2024-W02 must be a whole number ≥ 0, got -1');
  });
});
