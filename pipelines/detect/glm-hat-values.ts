import type { GlmDesign, QuasiPoissonFit } from './glm-quasi-poisson.ts';

/**
 * Leverage and prediction variance from a fitted quasi-Poisson model's (X'WX)⁻¹, using the sparse row
 * structure (intercept, trend, one dummy).
 */

/** x'(X'WX)⁻¹x for a design row given by its trend value and level (the unscaled prediction variance). */
export function unscaledVariance(fit: QuasiPoissonFit, design: GlmDesign, trendValue: number, level: number): number {
  const cov = fit.covUnscaled;
  if (cov === null) return Number.NaN;
  const p = fit.parameters;
  let q = cov[0] as number;
  if (design.trend !== null) {
    q += 2 * trendValue * (cov[1] as number) + trendValue * trendValue * (cov[p + 1] as number);
  }
  if (design.level !== null && level !== 0) {
    const c = (design.trend === null ? 1 : 2) + level - 1;
    q += (cov[c * p + c] as number) + 2 * (cov[c] as number);
    if (design.trend !== null) q += 2 * trendValue * (cov[p + c] as number);
  }
  return q;
}

/**
 * Diagonal of the hat matrix W½X(X'WX)⁻¹X'W½, forced to 1 within 10 ulps of 1 as lm.influence does; into
 * `out` (its first `rows` entries) when given.
 */
export function hatValues(fit: QuasiPoissonFit, design: GlmDesign, out?: Float64Array): Float64Array {
  const h = out ?? new Float64Array(design.rows);
  for (let i = 0; i < design.rows; i++) {
    const t = design.trend === null ? 0 : (design.trend[i] as number);
    const level = design.level === null ? 0 : (design.level[i] as number);
    const value = (fit.workingWeights[i] as number) * unscaledVariance(fit, design, t, level);
    h[i] = value > 1 - 10 * Number.EPSILON ? 1 : value;
  }
  return h;
}
