import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { describe, expect, it } from 'vitest';
import { earsC, type EarsVariant } from './ears.ts';
import { FARRINGTON_NOUFAILY, farringtonFlexible } from './farrington.ts';
import { farringtonResults } from './farrington-results.ts';
import { liveCusum } from './live-cusum.ts';
import type { WeeklyPoint } from './weekly-series.ts';

/**
 * The per-week baseline count the methods (EARS, Farrington, CUSUM) read where they read history (the pipeline passes a known
 * event's weeks at their expected count): an outbreak week that no longer inflates the baseline lets a
 * second, smaller rise show, and passing the counts themselves changes nothing.
 */

function seriesOf(counts: readonly number[]): WeeklyPoint[] {
  return counts.map((count, i) => ({ week: addIsoWeeks('2024-W01', i), count, partial: false }));
}

describe('EARS with baseline counts', () => {
  // Weeks 0–6 usual, week 7 an outbreak of 40 (its expected count: the mean 5 of the weeks before), week 8 a second rise of 14.
  const counts = [5, 4, 6, 5, 5, 4, 6, 40, 14];
  const baseline = counts.map((c, i) => (i === 7 ? 5 : c));

  it('C1: the outbreak left out of the baseline flags the second rise the inflated baseline hides', () => {
    const inflated = earsC(seriesOf(counts), { method: 'C1', minSigma: 1 }).at(-1);
    const cleaned = earsC(seriesOf(counts), { method: 'C1', minSigma: 1 }, baseline).at(-1);
    expect(inflated).toMatchObject({ observed: 14, alarm: false });
    expect(inflated?.expected).toBeCloseTo(10, 10);
    expect(cleaned).toMatchObject({ observed: 14, alarm: true, level: 'red' });
    expect(cleaned?.expected).toBeCloseTo(5, 10);
  });

  it('C3: the lagged C2 of a known-event week reads its baseline count', () => {
    const long = [5, 4, 6, 5, 5, 4, 6, 5, 4, 6, 5, 40, 9];
    const c3 = (b?: number[]) => earsC(seriesOf(long), { method: 'C3', minSigma: 1 }, b).at(-1);
    const quiet = long.map((c, i) => (i === 11 ? 5 : c));
    expect(c3()?.statistic).toBeGreaterThan(c3(quiet)?.statistic ?? Infinity);
    expect(c3(quiet)?.statistic).toBe(0);
  });

  it.each(['C1', 'C2', 'C3'] as EarsVariant[])('%s with the counts as baseline is what it is without', (method) => {
    const series = seriesOf(counts);
    expect(earsC(series, { method, minSigma: 1 }, counts)).toEqual(earsC(series, { method, minSigma: 1 }));
  });

  it('refuses baseline counts of another length', () => {
    expect(() => earsC(seriesOf(counts), { method: 'C1' }, [1, 2])).toThrow(/one value per week \(9\), got 2/);
  });
});

describe('Farrington with baseline counts', () => {
  // 200 weeks of 4–6, an outbreak of 40 for 6 weeks around the same week a year earlier, then a rise to 14.
  const n = 200;
  const k = n - 1;
  const counts = Array.from({ length: n }, (_, i) => 4 + (i % 3));
  for (let j = 0; j < 6; j++) counts[k - 54 + j] = 40;
  counts[k] = 14;
  const baseline = counts.map((c, i) => (i >= k - 54 && i < k - 48 ? 5 : c));

  it('a known event in last year’s reference weeks no longer raises the fit, so the rise is flagged', () => {
    const [inflated] = farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, range: [k] });
    const [cleaned] = farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, range: [k], baselineCounts: baseline });
    expect(inflated?.alarm).toBe(false);
    expect(inflated?.expected).toBeGreaterThan(10);
    expect(cleaned?.alarm).toBe(true);
    expect(cleaned?.expected).toBeGreaterThan(4);
    expect(cleaned?.expected).toBeLessThan(6);
    expect(cleaned?.observed).toBe(14);
  });

  it('with the counts as baseline gives exactly the same weeks', () => {
    const range = [k - 3, k - 2, k - 1, k];
    expect(farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, range, baselineCounts: counts })).toEqual(
      farringtonFlexible(counts, { ...FARRINGTON_NOUFAILY, range }),
    );
    const series = seriesOf(counts);
    expect(farringtonResults(series, FARRINGTON_NOUFAILY, k - 3, counts)).toEqual(farringtonResults(series, FARRINGTON_NOUFAILY, k - 3));
  });
});

describe('CUSUM with baseline counts', () => {
  // 26 training weeks of 4–6 with an outbreak of 40 in weeks 20–22, then a quarter (from 2024-W27) rising to 11.
  const counts = Array.from({ length: 30 }, (_, i) => (i >= 19 && i < 22 ? 40 : 4 + (i % 3)));
  counts[26] = 11;
  counts[27] = 11;
  counts[28] = 11;
  const baseline = counts.map((c, i) => (i >= 19 && i < 22 ? 5 : c));

  it('a known event in the training weeks no longer raises m, so the rise in the quarter is flagged', () => {
    const inflated = liveCusum(seriesOf(counts), '2024-W27');
    const cleaned = liveCusum(seriesOf(counts), '2024-W27', baseline);
    expect(inflated.every((r) => !r.alarm && r.expected === 9)).toBe(true);
    expect(cleaned.find((r) => r.week === '2024-W28')).toMatchObject({ observed: 11, alarm: true });
    expect(cleaned[0]?.expected).toBeCloseTo(129 / 26, 12);
  });

  it('with the counts as baseline is what it is without', () => {
    expect(liveCusum(seriesOf(counts), undefined, counts)).toEqual(liveCusum(seriesOf(counts)));
  });
});
