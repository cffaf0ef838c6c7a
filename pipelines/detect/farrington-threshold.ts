import { negativeBinomialQuantile, negativeBinomialUpperTail } from './numeric/negative-binomial-distribution.ts';
import { normalQuantile, normalUpperTail } from './numeric/normal-distribution.ts';
import { poissonQuantile, poissonUpperTail } from './numeric/poisson-distribution.ts';

/**
 * The upper bound for week k from the model's prediction — R's `algo.farrington.threshold.farrington`
 * (delta method on a power-transformed scale, 1996) and `algo.farrington.threshold.noufaily` (quantile of
 * a negative binomial with the estimated dispersion, 2012). α is one-sided in both.
 */

export type PowerTransform = '2/3' | '1/2' | 'none';
export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

export interface ThresholdInput {
  /** Linear predictor η₀ = log μ₀ at week k and its standard error (dispersion-scaled). */
  eta: number;
  seEta: number;
  /** Dispersion, already floored at 1. */
  phi: number;
  alpha: number;
  observed: number;
}

export interface ThresholdResult {
  upper: number;
  /** One-sided probability of a count at least as large as the observed one under the model. */
  pValue: number;
  /** (y − prediction)/(upper − prediction); an alarm needs score > 1. */
  score: number;
}

const EXPONENT: Record<PowerTransform, number> = { '2/3': 2 / 3, '1/2': 1 / 2, none: 1 };

export function deltaThreshold(input: ThresholdInput, transform: PowerTransform): ThresholdResult {
  const mu0 = Math.max(Math.exp(input.eta), Number.EPSILON);
  // predict.glm(type = "response") scales the link standard error by dμ/dη = μ.
  const seFit = input.seEta * mu0;
  const tau = input.phi + (seFit * seFit) / mu0;
  const e = EXPONENT[transform];
  const se =
    transform === '2/3'
      ? Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau)
      : transform === '1/2'
        ? Math.sqrt(tau / 4)
        : Math.sqrt(mu0 * tau);
  const upper = (mu0 ** e + normalQuantile(1 - input.alpha) * se) ** (1 / e);
  const pValue = normalUpperTail((input.observed ** e - mu0 ** e) / se);
  return { upper, pValue, score: (input.observed - mu0) / (upper - mu0) };
}

export function noufailyThreshold(input: ThresholdInput, method: 'nbPlugin' | 'muan'): ThresholdResult {
  const mu0 = method === 'nbPlugin' ? Math.exp(input.eta) : Math.exp(input.eta + input.seEta * normalQuantile(1 - input.alpha));
  if (mu0 === Number.POSITIVE_INFINITY) return { upper: Number.NaN, pValue: Number.NaN, score: Number.NaN };
  const { phi, alpha, observed } = input;
  let upper: number;
  let pValue: number;
  if (phi > 1) {
    const size = mu0 / (phi - 1);
    upper = negativeBinomialQuantile(1 - alpha, size, 1 / phi);
    pValue = negativeBinomialUpperTail(observed, size, 1 / phi);
  } else {
    upper = poissonQuantile(1 - alpha, mu0);
    pValue = poissonUpperTail(observed, mu0);
  }
  // R divides by (upper − η₀), the linear predictor rather than μ₀; kept so the score equals R's.
  return { upper, pValue, score: (observed - input.eta) / (upper - input.eta) };
}

export function farringtonThreshold(input: ThresholdInput, method: ThresholdMethod, transform: PowerTransform): ThresholdResult {
  return method === 'delta' ? deltaThreshold(input, transform) : noufailyThreshold(input, method);
}
