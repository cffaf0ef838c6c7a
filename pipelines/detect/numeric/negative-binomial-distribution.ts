import { DISCRETE_QUANTILE_FUZZ } from './poisson-distribution.ts';

/**
 * Negative binomial in R's (size, prob) parametrisation — P(Y = k) = Γ(k+size)/(Γ(size) k!) prob^size (1−prob)^k —
 * by summing the mass in log space from k = 0 with the ratio (k+size)/(k+1)·(1−prob), so no log-gamma
 * differences lose digits when size is large (dispersion close to 1).
 */

function logMassAtZero(size: number, prob: number): number {
  return size * Math.log(prob);
}

function valid(size: number, prob: number): boolean {
  return !(Number.isNaN(size) || Number.isNaN(prob) || size <= 0 || prob <= 0 || prob > 1);
}

/** P(Y ≤ y). */
export function negativeBinomialCdf(y: number, size: number, prob: number): number {
  if (Number.isNaN(y) || !valid(size, prob)) return Number.NaN;
  if (y < 0) return 0;
  if (prob === 1) return 1;
  const top = Math.floor(y);
  const logQ = Math.log1p(-prob);
  let logTerm = logMassAtZero(size, prob);
  let sum = Math.exp(logTerm);
  for (let k = 0; k < top; k++) {
    logTerm += Math.log((k + size) / (k + 1)) + logQ;
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** P(Y ≥ y), summed from the tail that is small so tiny p-values keep their digits. */
export function negativeBinomialUpperTail(y: number, size: number, prob: number): number {
  if (Number.isNaN(y) || !valid(size, prob)) return Number.NaN;
  const start = Math.ceil(y);
  if (start <= 0) return 1;
  if (prob === 1) return 0;
  const mean = (size * (1 - prob)) / prob;
  if (start <= mean) return 1 - negativeBinomialCdf(start - 1, size, prob);
  const logQ = Math.log1p(-prob);
  let logTerm = logMassAtZero(size, prob);
  for (let k = 0; k < start; k++) logTerm += Math.log((k + size) / (k + 1)) + logQ;
  let sum = 0;
  for (let k = start; ; k++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term <= sum * 1e-17 || k > start + 1_000_000) break;
    logTerm += Math.log((k + size) / (k + 1)) + logQ;
  }
  return sum;
}

/** Smallest y with P(Y ≤ y) ≥ p (R's qnbinom with size and prob). */
export function negativeBinomialQuantile(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || !valid(size, prob) || p < 0 || p > 1) return Number.NaN;
  if (prob === 1) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const target = p * DISCRETE_QUANTILE_FUZZ;
  const logQ = Math.log1p(-prob);
  let logTerm = logMassAtZero(size, prob);
  let cdf = Math.exp(logTerm);
  let y = 0;
  while (cdf < target) {
    logTerm += Math.log((y + size) / (y + 1)) + logQ;
    y += 1;
    cdf += Math.exp(logTerm);
    if (y > 1e7) return Number.NaN;
  }
  return y;
}
