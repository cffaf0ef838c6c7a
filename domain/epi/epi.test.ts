import { describe, expect, it } from 'vitest';
import { funnelCurve, funnelLimitsAt, pooledTarget } from './funnel.ts';
import { byarPoissonInterval, exactPoissonInterval, poissonInterval } from './poisson-interval.ts';
import { ratePer1000 } from './rate.ts';
import { indirectlyStandardisedRatios, pooledBandRates } from './smr.ts';
import { wilsonInterval } from './wilson.ts';

describe('Poisson intervals', () => {
  it('switches from exact to Byar at 10 events', () => {
    expect(poissonInterval(9).method).toBe('exact');
    expect(poissonInterval(10).method).toBe('byar');
  });

  it('has no Byar lower limit for 0 events and an exact lower limit of 0', () => {
    expect(byarPoissonInterval(0).lower).toBeNull();
    expect(exactPoissonInterval(0).lower).toBe(0);
  });

  it('widens from 95% to 99.8%', () => {
    const narrow = exactPoissonInterval(4);
    const wide = exactPoissonInterval(4, 0.998);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('rejects negative counts and impossible levels', () => {
    expect(() => poissonInterval(-1)).toThrow('event count must be a finite number ≥ 0, got -1');
    expect(() => poissonInterval(3, 1)).toThrow('confidence level');
  });
});

describe('ratePer1000', () => {
  it('scales count and interval to 1,000 residents', () => {
    const rate = ratePer1000(12, 4000);
    expect(rate.rate).toBe(3);
    expect(rate.lower).toBeLessThan(3);
    expect(rate.upper).toBeGreaterThan(3);
    expect(ratePer1000(12, 4000, { perResidents: 10_000 }).rate).toBe(30);
  });

  it('refuses a rate without population', () => {
    expect(() => ratePer1000(1, 0)).toThrow('population must be a positive number');
  });
});

describe('wilsonInterval', () => {
  it('stays inside [0, 1] at both ends', () => {
    expect(wilsonInterval(0, 20).lower).toBeCloseTo(0, 15);
    expect(wilsonInterval(20, 20).upper).toBeCloseTo(1, 15);
    expect(() => wilsonInterval(21, 20)).toThrow('numerator');
  });
});

describe('indirectlyStandardisedRatios', () => {
  const rows = [
    { area: 'A', band: 'young', observed: 2, population: 1000 },
    { area: 'A', band: 'old', observed: 8, population: 200 },
    { area: 'B', band: 'young', observed: 6, population: 3000 },
    { area: 'B', band: 'old', observed: 4, population: 100 },
  ];

  it('gives SMR 1 for the pooled region as a whole', () => {
    const rates = pooledBandRates(rows);
    const region = rows.map((r) => ({ ...r, area: 'region' }));
    const [whole] = indirectlyStandardisedRatios(region, { referenceRates: rates });
    expect(whole?.smr).toBeCloseTo(1, 14);
  });

  it('uses given reference rates and names a missing band', () => {
    const reference = new Map([
      ['young', 0.002],
      ['old', 0.04],
    ]);
    const [a] = indirectlyStandardisedRatios(rows, { referenceRates: reference });
    expect(a?.expected).toBeCloseTo(1000 * 0.002 + 200 * 0.04, 12);
    expect(() => indirectlyStandardisedRatios(rows, { referenceRates: new Map([['young', 0.01]]) })).toThrow(
      'no reference rate for age band old',
    );
  });
});

describe('funnel limits', () => {
  it('bracket the target, narrow as the denominator grows, and 99.8% lies outside 95%', () => {
    const target = 0.004;
    const small = funnelLimitsAt(500, target, { multiplier: 1000 });
    const large = funnelLimitsAt(50_000, target, { multiplier: 1000 });
    for (const point of [small, large]) {
      const [l95, l998] = point.limits;
      expect(l95!.lower).toBeLessThan(4);
      expect(l95!.upper).toBeGreaterThan(4);
      // ≤: with 2 expected events both lower limits are 0 (a count of 0 is not unusual there).
      expect(l998!.lower).toBeLessThanOrEqual(l95!.lower);
      expect(l998!.upper).toBeGreaterThan(l95!.upper);
    }
    expect(large.limits[0]!.upper - large.limits[0]!.lower).toBeLessThan(small.limits[0]!.upper - small.limits[0]!.lower);
  });

  it('works for an SMR funnel (denominator = expected, target 1) and a zero target', () => {
    const smr = funnelLimitsAt(20, 1);
    expect(smr.limits[0]!.lower).toBeLessThan(1);
    expect(funnelLimitsAt(100, 0).limits[0]!.lower).toBe(0);
  });

  it('spans the requested denominator range and pools the target', () => {
    const curve = funnelCurve(0.01, { min: 100, max: 10_000, points: 5 });
    expect(curve.map((p) => Math.round(p.denominator))).toEqual([100, 316, 1000, 3162, 10000]);
    expect(
      pooledTarget([
        { events: 3, denominator: 100 },
        { events: 7, denominator: 900 },
      ]),
    ).toBe(0.01);
    expect(() => funnelLimitsAt(0, 0.1)).toThrow('denominator');
  });
});
