import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial-upper-tail.ts';

describe('binomialUpperTail', () => {
  it('matches the exact sum where the variance is small', () => {
    // 1 − 0.95⁵ − 5·0.05·0.95⁴
    expect(binomialUpperTail(2, 5, 0.05)).toBeCloseTo(1 - 0.95 ** 5 - 5 * 0.05 * 0.95 ** 4, 12);
    expect(binomialUpperTail(5, 5, 0.5)).toBeCloseTo(1 / 32, 12);
  });

  it('stays exact for large n, on either side of the mean', () => {
    // Σ_{k≥60} C(200,k)·0.25^k·0.75^(200−k), summed exactly in integers and rationals.
    expect(binomialUpperTail(60, 200, 0.25)).toBeCloseTo(0.062472231056464, 10);
    expect(binomialUpperTail(40, 200, 0.25)).toBeCloseTo(1 - binomialLowerSum(39, 200, 0.25), 10);
    expect(binomialUpperTail(1_200, 10_000, 0.1)).toBeLessThan(1e-9);
  });

  it('has the edges a test needs', () => {
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.1)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
  });
});

function binomialLowerSum(upTo: number, n: number, p: number): number {
  let sum = 0;
  let term = (1 - p) ** n;
  for (let k = 0; k <= upTo; k++) {
    sum += term;
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return sum;
}
