import fc from 'fast-check';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { describe, expect, it } from 'vitest';
import { earsC, earsDefaultAlpha, type EarsVariant } from './ears.ts';
import { buildWeeklySeries, type WeeklyPoint } from './weekly-series.ts';

const VARIANTS: EarsVariant[] = ['C1', 'C2', 'C3'];

function seriesOf(counts: readonly number[], first = '2024-W01'): WeeklyPoint[] {
  return counts.map((count, i) => ({ week: addIsoWeeks(first, i), count, partial: false }));
}

describe('earsC', () => {
  it('uses R’s default alphas', () => {
    expect(earsDefaultAlpha('C1')).toBe(0.001);
    expect(earsDefaultAlpha('C2')).toBe(0.001);
    expect(earsDefaultAlpha('C3')).toBe(0.025);
  });

  it.each(VARIANTS)('%s never throws and never alarms on an all-zero series', (method) => {
    const results = earsC(seriesOf(new Array<number>(30).fill(0)), { method });
    expect(results).toHaveLength(30);
    expect(results.some((r) => r.alarm)).toBe(false);
  });

  it.each(VARIANTS)('%s gives a reason for every week of a one-week series', (method) => {
    const [only] = earsC(seriesOf([4]), { method });
    expect(only?.notEvaluatedReason).toMatch(/needs \d+ earlier weeks; 0 available/);
  });

  it('evaluates across week 53 and zero-filled gaps', () => {
    const series = buildWeeklySeries(
      [
        { week: '2026-W45', count: 3 },
        { week: '2026-W47', count: 5 },
        { week: '2026-W49', count: 4 },
        { week: '2026-W53', count: 2 },
        { week: '2027-W02', count: 30 },
      ],
      { from: '2026-W45', to: '2027-W02' },
    );
    const results = earsC(series, { method: 'C1' });
    const last = results.at(-1);
    expect(last?.week).toBe('2027-W02');
    // seven weeks back, counting 2026-W53
    expect(last?.baselineWindow).toEqual({ from: '2026-W48', to: '2027-W01' });
    expect(last?.alarm).toBe(true);
    expect(last?.level).toBe('red');
  });

  it('never evaluates the running week', () => {
    const series = seriesOf([3, 4, 3, 5, 4, 3, 4, 50]);
    const running = series.map((p, i) => (i === 7 ? { ...p, partial: true } : p));
    expect(earsC(running, { method: 'C1' }).at(-1)?.notEvaluatedReason).toMatch(/still running/);
  });

  it('C1 bound is the baseline mean plus z·sd, with minSigma as the floor', () => {
    const flat = seriesOf([5, 5, 5, 5, 5, 5, 5, 6]);
    expect(earsC(flat, { method: 'C1' }).at(-1)).toMatchObject({ expected: 5, threshold: 5, alarm: true, pValue: null });
    const floored = earsC(flat, { method: 'C1', minSigma: 1, alpha: 0.05 }).at(-1);
    expect(floored?.threshold).toBeCloseTo(5 + 1.6448536269514722, 12);
    expect(floored?.alarm).toBe(false);
  });

  it('C3 returns R’s NA weeks as not evaluated, and minSigma makes them evaluable', () => {
    const counts = [...new Array<number>(20).fill(5), 9];
    expect(earsC(seriesOf(counts), { method: 'C3' }).at(-1)?.notEvaluatedReason).toMatch(/sd 0/);
    expect(earsC(seriesOf(counts), { method: 'C3', minSigma: 0.5 }).at(-1)?.notEvaluatedReason).toBeNull();
  });

  it('rejects negative and non-integer counts with the clear message', () => {
    expect(() => earsC(seriesOf([1, 2, -1]), { method: 'C1' })).toThrow('count for 2024-W03 must be a whole number ≥ 0, got -1');
    expect(() => earsC(seriesOf([1, 2.5]), { method: 'C2' })).toThrow('count for 2024-W02 must be a whole number ≥ 0, got 2.5');
  });

  it('rejects impossible options', () => {
    expect(() => earsC(seriesOf([1]), { method: 'C1', baseline: 2 })).toThrow('baseline');
    expect(() => earsC(seriesOf([1]), { method: 'C1', alpha: 1 })).toThrow('alpha');
    expect(() => earsC(seriesOf([1]), { method: 'C1', minSigma: -1 })).toThrow('minSigma');
  });

  it('never throws on any non-negative series, and each result is evaluated or explained', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { minLength: 0, maxLength: 40 }),
        fc.constantFrom(...VARIANTS),
        (counts, method) => {
          const results = earsC(seriesOf(counts), { method });
          return (
            results.length === counts.length &&
            results.every((r) =>
              r.notEvaluatedReason === null
                ? r.threshold !== null && Number.isFinite(r.threshold)
                : !r.alarm && r.threshold === null,
            )
          );
        },
      ),
    );
  });
});
