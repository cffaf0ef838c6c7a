import { regularizedGammaQ } from './regularized-gamma.ts';

/**
 * Standard normal upper tail 1 − Φ(z), via erfc(t) = Q(½, t²) so tiny tails keep their relative accuracy
 * (a p-value of 1e-12 is reported as such, not as 0).
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const half = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? half : 1 - half;
}

export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}
