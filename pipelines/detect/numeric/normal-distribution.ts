/**
 * Standard normal cdf, upper tail and quantile at double precision (R's pnorm/qnorm to ~1e-15), built
 * from erfc so the upper tail keeps its relative accuracy far out.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

/** erfc(z) for z ≥ 0: positive-term series below 2.5 (no cancellation), Lentz continued fraction above. */
function erfcNonNegative(z: number): number {
  if (z < 2.5) {
    // erf(z) = 2/√π · e^{−z²} · Σ 2ⁿ z^{2n+1} / (1·3·…·(2n+1))
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 200; n++) {
      term *= (2 * z2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-z2) * sum;
  }
  // erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …))))
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = z + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = z + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / (SQRT_PI * f);
}

export function normalDensity(x: number): number {
  return INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
}

/** P(Z > x). */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) / Math.SQRT2;
  const tail = 0.5 * erfcNonNegative(z);
  return x >= 0 ? tail : 1 - tail;
}

/** P(Z ≤ x). */
export function normalCdf(x: number): number {
  return normalUpperTail(-x);
}

/** Quantile of N(0, 1): a rational first guess polished by Halley steps on the tail that is small. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const tail = upper ? 1 - p : p;
  // Abramowitz & Stegun 26.2.23 as the starting point (|error| < 4.5e-4).
  const t = Math.sqrt(-2 * Math.log(tail));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  // Solve Q(x) = tail for x > 0, then mirror.
  for (let i = 0; i < 50; i++) {
    const q = normalUpperTail(x);
    const pdf = normalDensity(x);
    if (pdf === 0) break;
    const e = (q - tail) / pdf; // Newton step for Q(x) − tail, Q' = −φ
    const step = e / (1 - (x * e) / 2); // Halley correction
    x += step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return upper ? x : -x;
}

/** Quantile of N(mean, sd). */
export function normalQuantileOf(p: number, mean: number, sd: number): number {
  return mean + sd * normalQuantile(p);
}
