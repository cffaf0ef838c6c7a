/**
 * Poisson cdf, upper tail and quantile by summing the probability mass in log space (no underflow for
 * large means), with R's convention for discrete quantiles.
 */

/** R shaves p by 64 ulps before searching, so a cdf equal to p up to rounding still counts as reaching it. */
export const DISCRETE_QUANTILE_FUZZ = 1 - 64 * Number.EPSILON;

/** P(Y ≤ y). */
export function poissonCdf(y: number, mean: number): number {
  if (Number.isNaN(y) || Number.isNaN(mean) || mean < 0) return Number.NaN;
  if (y < 0) return 0;
  if (mean === 0) return 1;
  const top = Math.floor(y);
  let logTerm = -mean;
  let sum = Math.exp(logTerm);
  const logMean = Math.log(mean);
  for (let k = 1; k <= top; k++) {
    logTerm += logMean - Math.log(k);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** P(Y ≥ y), summed from the tail that is small so tiny p-values keep their digits. */
export function poissonUpperTail(y: number, mean: number): number {
  if (Number.isNaN(y) || Number.isNaN(mean) || mean < 0) return Number.NaN;
  const start = Math.ceil(y);
  if (start <= 0) return 1;
  if (mean === 0) return 0;
  if (start <= mean) return 1 - poissonCdf(start - 1, mean);
  const logMean = Math.log(mean);
  let logTerm = -mean;
  for (let k = 1; k <= start; k++) logTerm += logMean - Math.log(k);
  let sum = 0;
  for (let k = start; ; k++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term <= sum * 1e-17 || k > start + 100_000) break;
    logTerm += logMean - Math.log(k + 1);
  }
  return sum;
}

/** Smallest y with P(Y ≤ y) ≥ p (R's qpois). */
export function poissonQuantile(p: number, mean: number): number {
  if (Number.isNaN(p) || Number.isNaN(mean) || mean < 0 || p < 0 || p > 1) return Number.NaN;
  if (mean === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const target = p * DISCRETE_QUANTILE_FUZZ;
  const logMean = Math.log(mean);
  let logTerm = -mean;
  let cdf = Math.exp(logTerm);
  let y = 0;
  while (cdf < target) {
    y += 1;
    logTerm += logMean - Math.log(y);
    cdf += Math.exp(logTerm);
    if (y > 1e7) return Number.NaN;
  }
  return y;
}
