import { describe, expect, it } from 'vitest';
import { funnelCurve, funnelLimitsAt } from '../../../../../pipelines/epi/funnel.ts';
import { funnelPosition, limitsAt } from './funnel-position.ts';

// The API's own curve: a rate of 5 per 1,000 over wijken of 200 to 20,000 residents, 60 points.
const target = 0.005;
const curve = funnelCurve(target, { min: 200, max: 20_000, points: 60 }, { multiplier: 1000 });

describe('limitsAt', () => {
  it('gives the exact limits at a grid point and follows the curve closely between them', () => {
    const atGrid = limitsAt(curve, curve[10]!.denominator, 0.998)!;
    expect(atGrid.upper).toBeCloseTo(curve[10]!.limits[1]!.upper, 12);
    for (const residents of [333, 1234, 5555, 17_000]) {
      const exact = funnelLimitsAt(residents, target, { multiplier: 1000 }).limits[0]!;
      const between = limitsAt(curve, residents, 0.95)!;
      expect(Math.abs(between.upper - exact.upper) / exact.upper).toBeLessThan(0.03);
    }
  });

  it('knows nothing outside the curve, for a level it lacks, or on an empty curve', () => {
    expect(limitsAt(curve, 100, 0.95)).toBeNull();
    expect(limitsAt(curve, 50_000, 0.95)).toBeNull();
    expect(limitsAt(curve, 1000, 0.9)).toBeNull();
    expect(limitsAt([], 1000, 0.95)).toBeNull();
  });
});

describe('funnelPosition', () => {
  const residents = 2000;
  const inner = funnelLimitsAt(residents, target, { multiplier: 1000 }).limits[0]!;
  const outer = funnelLimitsAt(residents, target, { multiplier: 1000 }).limits[1]!;

  it('places a wijk above, within or below the 95% and 99.8% limits', () => {
    expect(funnelPosition(outer.upper * 1.05, residents, curve)).toBe('above998');
    expect(funnelPosition((inner.upper + outer.upper) / 2, residents, curve)).toBe('above95');
    expect(funnelPosition(target * 1000, residents, curve)).toBe('within');
    expect(funnelPosition((inner.lower + outer.lower) / 2, residents, curve)).toBe('below95');
    expect(funnelPosition(outer.lower * 0.5, residents, curve)).toBe('below998');
  });

  it('does not place a withheld or missing figure', () => {
    expect(funnelPosition(null, residents, curve)).toBe('unknown');
    expect(funnelPosition(5, null, curve)).toBe('unknown');
    expect(funnelPosition(5, residents, [])).toBe('unknown');
  });
});
