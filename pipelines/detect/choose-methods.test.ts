import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { describe, expect, it } from 'vitest';
import { chooseMethods, runDetectionChain, type FarringtonRunner } from './choose-methods.ts';
import { notEvaluated } from './detection-result.ts';
import type { WeeklyPoint } from './weekly-series.ts';

function seriesOf(length: number): WeeklyPoint[] {
  return Array.from({ length }, (_, i) => ({ week: addIsoWeeks('2023-W01', i), count: i % 5, partial: false }));
}

const stubFarrington: FarringtonRunner = (series) =>
  series.map((p) => notEvaluated(p.week, 'farrington', {}, p.count, 'stub for the chain test'));

describe('chooseMethods', () => {
  it('runs nothing under 7 weeks and says why', () => {
    const choice = chooseMethods(6);
    expect(choice.methods).toEqual([]);
    expect(choice.reason).toBe('only 6 complete week(s) of history; detection starts at 7 weeks');
  });

  it('runs EARS and CUSUM from 7 to 77 weeks', () => {
    expect(chooseMethods(6, { farrington: stubFarrington }).methods).toEqual([]);
    expect(chooseMethods(7, { farrington: stubFarrington }).methods).toEqual(['earsC1', 'earsC2', 'earsC3', 'cusum']);
    expect(chooseMethods(77, { farrington: stubFarrington }).methods).not.toContain('farrington');
  });

  it('adds Farrington from 78 weeks when it is provided, and says so when it is not', () => {
    expect(chooseMethods(78, { farrington: stubFarrington }).methods).toContain('farrington');
    const without = chooseMethods(78);
    expect(without.methods).not.toContain('farrington');
    expect(without.reason).toMatch(/Farrington/);
  });
});

describe('runDetectionChain', () => {
  it('returns every week not evaluated, with the reason, for a short series', () => {
    const { results } = runDetectionChain(seriesOf(3));
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.notEvaluatedReason?.includes('only 3 complete week(s)'))).toBe(true);
  });

  it('does not count the running week as history', () => {
    const series = seriesOf(7).map((p, i) => (i === 6 ? { ...p, partial: true } : p));
    expect(runDetectionChain(series).choice.methods).toEqual([]);
  });

  it('runs the chosen EARS variants, the injected Farrington and CUSUM, one result per week each', () => {
    const { results } = runDetectionChain(seriesOf(80), { earsVariants: ['C1'], farrington: stubFarrington });
    expect(new Set(results.map((r) => r.method))).toEqual(new Set(['earsC1', 'farrington', 'cusum']));
    expect(results).toHaveLength(240);
    const { results: withoutCusum } = runDetectionChain(seriesOf(80), { earsVariants: ['C1'], farrington: stubFarrington, cusum: false });
    expect(withoutCusum).toHaveLength(160);
  });
});
