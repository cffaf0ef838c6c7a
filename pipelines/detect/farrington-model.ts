import { anscombeResiduals } from './anscombe-residuals.ts';
import { farringtonWeights } from './farrington-weights.ts';
import { hatValues, unscaledVariance } from './glm-hat-values.ts';
import { fitQuasiPoisson } from './glm-quasi-poisson.ts';
import { GlmWorkspace } from './glm-workspace.ts';
import type { GlmDesign, QuasiPoissonFit } from './glm-quasi-poisson.ts';
import { studentTTwoSidedP } from './numeric/student-t-distribution.ts';

/**
 * The baseline model for one week — R's `algo.farrington.fitGLM.flexible` + `algo.farrington.glm`:
 * fit with trend (without, if that fails to converge), φ = max(1, dispersion), refit with Anscombe
 * weights, then keep the trend only if its t-test p-value is below `pThresholdTrend`, b ≥ 3 and the
 * predicted count does not exceed the largest baseline count; otherwise the whole fit is redone without it.
 * The prediction's standard error and the trend test use summary.glm's dispersion, not floored at 1 —
 * and, after reweighting, computed the way R ends up computing it: fitGLM.flexible overwrites
 * `model$weights` (the IRLS working weights prior·μ) with the prior weights ω, so summary.glm and
 * predict.glm see Σ ω·((y − μ)/μ)² / df instead of the Pearson statistic. That shrinks the standard
 * errors by about √μ̄, keeps trends more often and lowers the delta-method bound; matching R means
 * reproducing it.
 */

export interface FarringtonModelInput {
  /** Baseline counts, oldest first. */
  response: Float64Array;
  /**
   * Week of each baseline count relative to the week being judged, minus their mean (`centredTime`):
   * centring leaves slope, predictions and tests unchanged but conditions X'WX far better.
   */
  centredTime: Float64Array;
  /** The week being judged on that centred scale (where the prediction is made). */
  t0: number;
  /** Seasonal level 0 … levels − 1 (0 = R's reference level) or null without a seasonal factor. */
  level: Int32Array | null;
  levels: number;
  /** Level of the week being judged. */
  currentLevel: number;
}

export interface FarringtonModelOptions {
  trend: boolean;
  reweight: boolean;
  weightsThreshold: number;
  pThresholdTrend: number;
  b: number;
}

export interface FarringtonPrediction {
  eta: number;
  seEta: number;
  phi: number;
  trendUsed: boolean;
  /** Slope per week on the log scale when the trend was kept. */
  trendCoefficient: number | null;
  trendPValue: number | null;
}

interface FittedModel {
  fit: QuasiPoissonFit;
  design: GlmDesign;
  phi: number;
  /** The dispersion summary.glm/predict.glm report for R's returned model object. */
  reportedDispersion: number;
}

/** Σ ω·((y − μ)/μ)² over ω > 0, divided by the residual df: summary.glm once model$weights is ω. */
function priorWeightedDispersion(y: Float64Array, fit: QuasiPoissonFit, omega: Float64Array): number {
  if (fit.dfResidual <= 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = omega[i] as number;
    if (wi > 0) {
      const mu = fit.fitted[i] as number;
      const r = ((y[i] as number) - mu) / mu;
      sum += wi * r * r;
    }
  }
  return sum / fit.dfResidual;
}

function designFor(input: FarringtonModelInput, centred: Float64Array, withTrend: boolean): GlmDesign {
  return { rows: input.response.length, trend: withTrend ? centred : null, level: input.level, levels: input.levels };
}

function fitFlexible(
  input: FarringtonModelInput,
  centred: Float64Array,
  withTrend: boolean,
  options: FarringtonModelOptions,
  workspace: GlmWorkspace,
): FittedModel | null {
  let design = designFor(input, centred, withTrend);
  let fit = fitQuasiPoisson(input.response, design, null, workspace);
  if (!fit.converged) {
    if (!withTrend) return null;
    design = designFor(input, centred, false);
    fit = fitQuasiPoisson(input.response, design, null, workspace);
    if (!fit.converged) return null;
  }
  let phi = Math.max(fit.dispersion, 1);
  let reportedDispersion = fit.dispersion;
  if (options.reweight) {
    // Into the workspace's buffers (the residuals over the hat values): no arrays allocated per fit.
    const hat = hatValues(fit, design, workspace.residuals);
    const residuals = anscombeResiduals(input.response, fit.fitted, hat, phi, hat);
    const omega = farringtonWeights(residuals, options.weightsThreshold, workspace.omega, input.response.length);
    // R does not check convergence of the reweighted fit; neither do we, so the numbers stay R's.
    fit = fitQuasiPoisson(input.response, design, omega, workspace);
    phi = Math.max(fit.dispersion, 1);
    reportedDispersion = priorWeightedDispersion(input.response, fit, omega);
  }
  if (fit.covUnscaled === null) return null;
  return { fit, design, phi, reportedDispersion };
}

function predictAt(model: FittedModel, t0: number, currentLevel: number): { eta: number; seEta: number } {
  const { fit, design } = model;
  const beta = fit.coefficients;
  let eta = beta[0] as number;
  if (design.trend !== null) eta += (beta[1] as number) * t0;
  if (design.level !== null && currentLevel !== 0) eta += beta[(design.trend === null ? 1 : 2) + currentLevel - 1] as number;
  const seEta = Math.sqrt(model.reportedDispersion * unscaledVariance(fit, design, t0, currentLevel));
  return { eta, seEta };
}

/** The model's time column from the weeks relative to the judged one: centred, and the judged week on it. */
export function centredTime(relativeWeeks: ArrayLike<number>): { centredTime: Float64Array; t0: number } {
  let mean = 0;
  for (let i = 0; i < relativeWeeks.length; i++) mean += relativeWeeks[i] as number;
  mean /= relativeWeeks.length;
  const centred = new Float64Array(relativeWeeks.length);
  for (let i = 0; i < centred.length; i++) centred[i] = (relativeWeeks[i] as number) - mean;
  return { centredTime: centred, t0: -mean };
}

export function fitFarringtonModel(
  input: FarringtonModelInput,
  options: FarringtonModelOptions,
  workspace: GlmWorkspace = new GlmWorkspace(),
): FarringtonPrediction | null {
  const { centredTime: centred, t0 } = input;

  let model = fitFlexible(input, centred, options.trend, options, workspace);
  if (model === null) return null;

  let trendUsed = false;
  let trendPValue: number | null = null;
  if (model.design.trend !== null) {
    const { fit, reportedDispersion } = model;
    const slope = fit.coefficients[1] as number;
    const se = Math.sqrt(reportedDispersion * ((fit.covUnscaled as Float64Array)[fit.parameters + 1] as number));
    trendPValue = studentTTwoSidedP(slope / se, fit.dfResidual);
    const predicted = Math.max(Math.exp(predictAt(model, t0, input.currentLevel).eta), Number.EPSILON);
    let maxResponse = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < input.response.length; i++) maxResponse = Math.max(maxResponse, input.response[i] as number);
    // A NaN p-value (no residual variation at all) makes R's `if` fail; we treat it as not significant.
    trendUsed = options.b >= 3 && trendPValue < options.pThresholdTrend && predicted <= maxResponse;
    if (!trendUsed) {
      model = fitFlexible(input, centred, false, options, workspace);
      if (model === null) return null;
    }
  }
  const { eta, seEta } = predictAt(model, t0, input.currentLevel);
  return {
    eta,
    seEta,
    phi: model.phi,
    trendUsed,
    trendCoefficient: trendUsed ? (model.fit.coefficients[1] as number) : null,
    trendPValue,
  };
}
