import { describe, expect, it } from 'vitest';
import { funnelPosition } from './funnel-position.ts';

describe('funnelPosition', () => {
  it('keeps 0 observed with 1.1 expected within the limits (P(X = 0 | 1.1) = 0.33)', () => {
    expect(funnelPosition(0, 1.1)).toBe('within');
    expect(funnelPosition(0, 1.5)).toBe('within');
  });

  it('places a count above, within or below the exact 95% and 99.8% limits of its expected count', () => {
    // E = 10: 95% limits 4 … 17, 99.8% limits 2 … 21 (exact Poisson, whole counts).
    expect(funnelPosition(22, 10)).toBe('above998');
    expect(funnelPosition(21, 10)).toBe('above95');
    expect(funnelPosition(18, 10)).toBe('above95');
    expect(funnelPosition(17, 10)).toBe('within');
    expect(funnelPosition(4, 10)).toBe('within');
    expect(funnelPosition(3, 10)).toBe('below95');
    expect(funnelPosition(2, 10)).toBe('below95');
    expect(funnelPosition(1, 10)).toBe('below998');
    // A count of 0 is below the 99.8% limit only from E = −ln(0.001) ≈ 6.91.
    expect(funnelPosition(0, 6.9)).toBe('below95');
    expect(funnelPosition(0, 6.92)).toBe('below998');
  });

  it('does not place a withheld or missing figure', () => {
    expect(funnelPosition(null, 10)).toBe('unknown');
    expect(funnelPosition(5, null)).toBe('unknown');
    expect(funnelPosition(5, Number.NaN)).toBe('unknown');
  });
});
