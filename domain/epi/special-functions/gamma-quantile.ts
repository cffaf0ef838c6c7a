import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal-quantile.ts';
import { regularizedGammaP, regularizedGammaQ } from './regularized-gamma.ts';

/**
 * Quantile of the Gamma(shape, 1) distribution: the x with P(shape, x) = p. Exact Poisson limits are
 * gamma quantiles (qchisq(p, 2k)/2 = gammaQuantile(p, k)).
 * Wilson–Hilferty (or the small-x power series) gives the start; Newton steps on whichever tail is
 * smaller, kept inside a shrinking bracket, then finish at full double precision.
 */
const MAX_ITER = 200;

function startingValue(p: number, shape: number): number {
  const z = normalQuantile(p);
  const wh = shape * Math.pow(1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape)), 3);
  if (shape >= 1 && wh > 0) return wh;
  // For small x, P(a, x) ≈ x^a / Γ(a+1).
  const small = Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
  return Number.isFinite(small) && small > 0 ? small : Math.max(wh, 1e-10);
}

export function gammaQuantile(p: number, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gammaQuantile needs shape > 0, got ${shape}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`gammaQuantile needs 0 ≤ p ≤ 1, got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;

  // Quantiles below the smallest normal double: the power series is exact there.
  const tinyStart = Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
  if (tinyStart < 1e-290) return tinyStart;

  const useUpper = p > 0.5;
  const target = useUpper ? 1 - p : p;
  // f(x) is increasing in x in both cases.
  const f = (x: number): number => (useUpper ? target - regularizedGammaQ(shape, x) : regularizedGammaP(shape, x) - target);
  const logDensity = (x: number): number => (shape - 1) * Math.log(x) - x - logGamma(shape);

  let lo = 0;
  let hi = Infinity;
  let x = startingValue(p, shape);
  for (let i = 0; i < MAX_ITER; i++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    const density = Math.exp(logDensity(x));
    let next = x - fx / density;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = hi === Infinity ? Math.max(2 * x, x + 1) : (lo + hi) / 2;
    }
    if (Math.abs(next - x) <= 4e-16 * Math.abs(next)) return next;
    if (hi !== Infinity && hi - lo <= 4e-16 * hi) return next;
    x = next;
  }
  return x;
}
