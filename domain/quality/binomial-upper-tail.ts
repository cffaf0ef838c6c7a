import { logGamma } from '../epi/special-functions/log-gamma.ts';

/**
 * P(X ≥ r) for X ~ Binomial(n, p), exact: the terms are summed in log space away from the mode until they
 * no longer matter, on the upper side when r lies above the mean, else as 1 − P(X < r). That stays exact
 * in the small tails a 0.001 test looks at, where a normal approximation is off by tens of percent, and
 * costs about √n terms.
 */
export function binomialUpperTail(r: number, n: number, p: number): number {
  if (r <= 0) return 1;
  if (r > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const lnN = logGamma(n + 1);
  const term = (k: number) => Math.exp(lnN - logGamma(k + 1) - logGamma(n - k + 1) + k * logP + (n - k) * logQ);
  let sum = 0;
  if (r > n * p) {
    for (let k = r; k <= n; k++) {
      const t = term(k);
      sum += t;
      if (t <= sum * 1e-16) break;
    }
    return Math.min(1, sum);
  }
  for (let k = r - 1; k >= 0; k--) {
    const t = term(k);
    sum += t;
    if (t <= sum * 1e-16) break;
  }
  return Math.max(0, 1 - sum);
}
