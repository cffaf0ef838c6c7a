import { describe, expect, it } from 'vitest';
import { funnelLimitsAt } from './funnel.ts';
import { countBeyondLimits, poissonCdf, poissonCountLimits, poissonLimitLines } from './poisson-count-limits.ts';

// Reference values computed independently by summing the Poisson probabilities term by term:
// lower = largest x with P(X < x | E) ≤ α/2, upper = smallest x with P(X > x | E) ≤ α/2.
const REFERENCE: [expected: number, level: number, lower: number, upper: number][] = [
  [1.1, 0.998, 0, 5],
  [1.1, 0.95, 0, 4],
  [1.5, 0.998, 0, 6],
  [6.5, 0.998, 0, 16],
  [7, 0.998, 1, 16],
  [10, 0.998, 2, 21],
  [10, 0.95, 4, 17],
  [25, 0.998, 11, 42],
  [100, 0.998, 71, 132],
  [100, 0.95, 81, 120],
];

describe('exact Poisson count limits', () => {
  it.each(REFERENCE)('E = %d at %d: lower %d, upper %d', (expected, level, lower, upper) => {
    expect(poissonCountLimits(expected, level)).toEqual({ level, lower, upper });
  });

  it('a wijk with 0 observed and 1.1 expected is within both limits (P(X = 0 | 1.1) = 0.33)', () => {
    expect(poissonCdf(0, 1.1)).toBeCloseTo(Math.exp(-1.1), 12);
    expect(countBeyondLimits(0, 1.1, 0.998)).toBeNull();
    expect(countBeyondLimits(0, 1.1, 0.95)).toBeNull();
    // Only from E = −ln(0.001) = 6.91 is a count of 0 below the 99.8% limit.
    expect(countBeyondLimits(0, 6.9, 0.998)).toBeNull();
    expect(countBeyondLimits(0, 6.92, 0.998)).toBe('below');
    expect(countBeyondLimits(6, 1.1, 0.998)).toBe('above');
    expect(countBeyondLimits(5, 1.1, 0.998)).toBeNull();
  });

  it('draws lines that a whole count crosses exactly where the count limits say', () => {
    for (const expected of [0.4, 1.1, 3, 6.95, 12.3, 48, 260]) {
      for (const level of [0.95, 0.998]) {
        const lines = poissonLimitLines(expected, level);
        for (let count = 0; count <= expected * 3 + 10; count += 1) {
          const drawn = count > lines.upper ? 'above' : count < lines.lower ? 'below' : null;
          expect(drawn).toBe(countBeyondLimits(count, expected, level));
        }
      }
    }
  });

  it('gives the funnel a lower limit of 0 while a count of 0 is not unusual', () => {
    // 220 residents at 5 per 1,000: E = 1.1.
    const [l95, l998] = funnelLimitsAt(220, 0.005, { multiplier: 1000 }).limits;
    expect(l95!.lower).toBe(0);
    expect(l998!.lower).toBe(0);
    expect(funnelLimitsAt(1.1, 1).limits[1]!.lower).toBe(0);
    expect(funnelLimitsAt(10, 1).limits[1]!.lower).toBeGreaterThan(0);
  });

  it('refuses an expected count that is not a number ≥ 0', () => {
    expect(() => poissonCountLimits(-1, 0.95)).toThrow('expected count');
    expect(() => poissonCountLimits(Number.NaN, 0.95)).toThrow('expected count');
  });
});
