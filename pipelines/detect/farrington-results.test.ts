import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { describe, expect, it } from 'vitest';
import { FARRINGTON_NOUFAILY, FARRINGTON_ORIGINAL, farringtonFlexible } from './farrington.ts';
import { farringtonResults } from './farrington-results.ts';
import type { WeeklyPoint } from './weekly-series.ts';

function seriesOf(counts: readonly number[], partialLast = false): WeeklyPoint[] {
  return counts.map((count, i) => ({ week: addIsoWeeks('2021-W01', i), count, partial: partialLast && i === counts.length - 1 }));
}

const counts = Array.from({ length: 175 }, (_, i) => 6 + ((i * 7) % 5));
counts[170] = 40;

describe('farringtonResults', () => {
  it('maps every week to a DetectionResult that agrees with farringtonFlexible', () => {
    const results = farringtonResults(seriesOf(counts), FARRINGTON_ORIGINAL);
    const raw = farringtonFlexible(counts, { ...FARRINGTON_ORIGINAL, range: counts.map((_, i) => i) });
    expect(results).toHaveLength(counts.length);
    results.forEach((result, i) => {
      const week = raw[i];
      expect(result.method).toBe('farrington');
      expect(result.week).toBe(addIsoWeeks('2021-W01', i));
      expect(result.threshold).toBe(week?.upperbound);
      expect(result.alarm).toBe(week?.alarm);
      expect(result.notEvaluatedReason).toBe(week?.notEvaluatedReason);
      if (result.alarm) expect(result.level).not.toBe('none');
    });
    expect(results[170]?.alarm).toBe(true);
    // Original settings: the latest baseline week is the end of last year's window, w weeks after k − 52.
    expect(results[170]?.baselineWindow?.to).toBe(addIsoWeeks('2021-W01', 170 - 52 + FARRINGTON_ORIGINAL.w));
    expect(results[170]?.params.pastWeeksNotIncluded).toBe(FARRINGTON_ORIGINAL.w);
  });

  it('never judges the running week', () => {
    const results = farringtonResults(seriesOf(counts, true), FARRINGTON_NOUFAILY);
    const last = results[results.length - 1];
    expect(last?.alarm).toBe(false);
    expect(last?.notEvaluatedReason).toBe('the week is still running');
  });

  it('keeps the level at none when limit54 rules the week out', () => {
    const sparse = Array.from({ length: 175 }, (_, i) => (i % 13 === 0 ? 1 : 0));
    const results = farringtonResults(seriesOf(sparse), { ...FARRINGTON_NOUFAILY });
    expect(results.every((r) => r.level === 'none' && !r.alarm)).toBe(true);
  });
});
