import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrowheadInverse, arrowheadSolve } from './arrowhead.ts';
import { logGamma } from './log-gamma.ts';
import { negativeBinomialCdf, negativeBinomialQuantile, negativeBinomialUpperTail } from './negative-binomial-distribution.ts';
import { normalCdf, normalQuantile, normalUpperTail } from './normal-distribution.ts';
import { poissonCdf, poissonQuantile, poissonUpperTail } from './poisson-distribution.ts';
import { studentTCdf } from './student-t-distribution.ts';

const close = (a: number, b: number, tol: number): void =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('numeric helpers', () => {
  it('logGamma agrees with log factorials', () => {
    let logFactorial = 0;
    for (let n = 1; n < 60; n++) {
      close(logGamma(n), logFactorial, 1e-13);
      logFactorial += Math.log(n);
    }
  });

  it('normalQuantile inverts normalCdf and the tails are complementary', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        close(normalCdf(x) + normalUpperTail(x), 1, 1e-15);
        // Above ~2.5 the cdf itself rounds near 1, so only the lower side can be inverted this precisely.
        if (x < 2.5) close(normalQuantile(normalCdf(x)), x, 1e-9);
      }),
    );
  });

  it('Student t tends to the normal and is symmetric', () => {
    close(studentTCdf(-1.7, 1e7), normalCdf(-1.7), 1e-6);
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.integer({ min: 1, max: 300 }), (t, df) => {
        close(studentTCdf(t, df) + studentTCdf(-t, df), 1, 1e-12);
      }),
    );
  });

  it('Poisson and negative binomial quantiles are the smallest counts reaching p, tails add up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 1.0001, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (mean, phi, p) => {
          const q = poissonQuantile(p, mean);
          expect(poissonCdf(q, mean)).toBeGreaterThanOrEqual(p * (1 - 1e-12));
          if (q > 0) expect(poissonCdf(q - 1, mean)).toBeLessThan(p);
          close(poissonCdf(q, mean) + poissonUpperTail(q + 1, mean), 1, 1e-12);
          const size = mean / (phi - 1);
          const nb = negativeBinomialQuantile(p, size, 1 / phi);
          expect(negativeBinomialCdf(nb, size, 1 / phi)).toBeGreaterThanOrEqual(p * (1 - 1e-12));
          if (nb > 0) expect(negativeBinomialCdf(nb - 1, size, 1 / phi)).toBeLessThan(p);
          close(negativeBinomialCdf(nb, size, 1 / phi) + negativeBinomialUpperTail(nb + 1, size, 1 / phi), 1, 1e-12);
        },
      ),
    );
  });

  it('arrowhead solve and inverse agree with the matrix they came from', () => {
    // Intercept, trend and three dummies for rows with weights: build X'WX directly.
    const rows = [
      [1, -2, 0],
      [2, -1, 1],
      [1.5, 0, 2],
      [0.7, 1, 3],
      [3, 2, 1],
      [1, 3, 0],
      [2, 4, 3],
      [0.5, 5, 2],
    ] as const;
    const p = 5;
    const a = new Float64Array(p * p);
    const x = (row: readonly [number, number, number]): number[] => [
      1,
      row[1],
      row[2] === 1 ? 1 : 0,
      row[2] === 2 ? 1 : 0,
      row[2] === 3 ? 1 : 0,
    ];
    for (const row of rows) {
      const xi = x(row);
      for (let r = 0; r < p; r++)
        for (let c = 0; c < p; c++) a[r * p + c] = (a[r * p + c] as number) + row[0] * (xi[r] as number) * (xi[c] as number);
    }
    const b = Float64Array.from([1, 2, 3, 4, 5]);
    const solution = new Float64Array(p);
    expect(arrowheadSolve(a, p, 2, b, solution)).toBe(true);
    const inverse = arrowheadInverse(a, p, 2) as Float64Array;
    for (let r = 0; r < p; r++) {
      let ax = 0;
      for (let c = 0; c < p; c++) ax += (a[r * p + c] as number) * (solution[c] as number);
      close(ax, b[r] as number, 1e-12);
      for (let c = 0; c < p; c++) {
        let identity = 0;
        for (let k = 0; k < p; k++) identity += (a[r * p + k] as number) * (inverse[k * p + c] as number);
        close(identity, r === c ? 1 : 0, 1e-12);
      }
    }
  });
});
