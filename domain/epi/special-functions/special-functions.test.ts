import { describe, expect, it } from 'vitest';
import { gammaQuantile } from './gamma-quantile.ts';
import { logGamma } from './log-gamma.ts';
import { normalCdf, normalUpperTail } from './normal-cdf.ts';
import { normalQuantile } from './normal-quantile.ts';
import { regularizedGammaP, regularizedGammaQ } from './regularized-gamma.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
// Absolute near zero, where ln Γ(1) = ln Γ(2) = 0 makes a relative error meaningless.
const near = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('logGamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(near(logGamma(n + 1), Math.log((factorial *= n)))).toBeLessThan(1e-14);
    }
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8), 6);
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularised incomplete gamma', () => {
  it('equals the exponential distribution for a = 1 and P + Q = 1', () => {
    for (const x of [1e-6, 0.3, 1, 2.5, 10, 40]) {
      expect(rel(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-13);
      expect(rel(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-13);
      expect(regularizedGammaP(3.7, x) + regularizedGammaQ(3.7, x)).toBeCloseTo(1, 14);
    }
  });

  it('gives Poisson tail probabilities: Q(k+1, λ) = Pr[N ≤ k]', () => {
    const lambda = 4.2;
    let cdf = 0;
    let term = Math.exp(-lambda);
    for (let k = 0; k <= 12; k++) {
      cdf += term;
      expect(rel(regularizedGammaQ(k + 1, lambda), cdf)).toBeLessThan(1e-13);
      term *= lambda / (k + 1);
    }
  });

  it('handles the ends of the range', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaQ(2, Infinity)).toBe(0);
    expect(() => regularizedGammaP(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, -1)).toThrow(RangeError);
  });
});

describe('gammaQuantile', () => {
  it('inverts P for shapes from 0.1 to 5,000 and both tails', () => {
    for (const shape of [0.1, 0.5, 1, 2, 9, 10, 25.5, 101, 5000]) {
      for (const p of [1e-10, 0.001, 0.025, 0.5, 0.975, 0.999]) {
        const x = gammaQuantile(p, shape);
        const back = p > 0.5 ? 1 - regularizedGammaQ(shape, x) : regularizedGammaP(shape, x);
        expect(rel(back, p), `shape ${shape}, p ${p}`).toBeLessThan(1e-9);
      }
    }
  });

  it('gives −ln(α) for the upper exact limit of a zero count', () => {
    expect(rel(gammaQuantile(0.975, 1), -Math.log(0.025))).toBeLessThan(1e-14);
  });

  it('handles p = 0 and p = 1 and rejects bad input', () => {
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(gammaQuantile(1, 3)).toBe(Infinity);
    expect(() => gammaQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => gammaQuantile(1.5, 2)).toThrow(RangeError);
  });
});

describe('normal quantile and tail', () => {
  it('gives the textbook z-values', () => {
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(rel(normalQuantile(0.999), 3.090232306167813)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('is symmetric and inverts the CDF down to 1e-300', () => {
    for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.2, 0.49]) {
      if (p >= 1e-8) expect(normalQuantile(1 - p) + normalQuantile(p)).toBeCloseTo(0, 8);
      expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p).toBeLessThan(1e-12);
    }
  });

  it('keeps tiny upper tails', () => {
    expect(Math.abs(normalUpperTail(10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-12);
    expect(normalUpperTail(Infinity)).toBe(0);
    expect(normalUpperTail(-Infinity)).toBe(1);
  });
});
