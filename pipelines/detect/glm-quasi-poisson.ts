import { arrowheadInverse, arrowheadSolve } from './numeric/arrowhead.ts';
import { logCount, logCountStart } from './numeric/count-transforms.ts';
import { GlmWorkspace } from './glm-workspace.ts';

/**
 * Quasi-Poisson log-link GLM fitted by IRLS exactly the way R's glm.fit does it (start μ = y + 0.1,
 * deviance criterion |Δdev|/(|dev| + 0.1) < 1e-8, at most 25 iterations, μ floored at machine epsilon),
 * so the Farrington detector reproduces R's numbers rather than merely the same maximum.
 *
 * The design is the one Farrington needs: an intercept, optionally a time trend, optionally a seasonal
 * factor (one dummy per non-reference level). Each row has at most three non-zero columns, so X'WX is
 * accumulated in O(n) instead of O(n·p²); with 133 rows and 11 columns that is most of the run time saved.
 *
 * Like glm.fit, the working weights, the covariance and the hat values belong to the last weighted least
 * squares step (the weights computed from μ before the final update), and the dispersion is the Pearson
 * statistic over the residual degrees of freedom, not floored at 1 (summary.glm's value).
 */

export interface GlmDesign {
  rows: number;
  /** Time per row (any origin; centred values keep X'WX well conditioned); null for no trend column. */
  trend: Float64Array | null;
  /** Seasonal level per row: 0 is the reference level, 1 … levels − 1 get a dummy column; null for none. */
  level: Int32Array | null;
  levels: number;
}

export interface QuasiPoissonFit {
  converged: boolean;
  iterations: number;
  /** [intercept, trend?, level dummies…]. */
  coefficients: Float64Array;
  /** First `rows` entries; owned by the workspace. */
  fitted: Float64Array;
  /** Working weights of the last IRLS step (prior weight × μ); first `rows` entries, workspace-owned. */
  workingWeights: Float64Array;
  /** (X'WX)⁻¹, row-major p × p; null when X'WX was singular. */
  covUnscaled: Float64Array | null;
  /** Pearson χ² / residual df, as summary.glm reports it (NaN when df is 0). */
  dispersion: number;
  dfResidual: number;
  parameters: number;
}

const EPSILON = 1e-8;
const MAX_ITERATIONS = 25;
const MU_FLOOR = Number.EPSILON;
const LOG_MU_FLOOR = Math.log(MU_FLOOR);

export function designColumns(design: GlmDesign): number {
  return 1 + (design.trend === null ? 0 : 1) + (design.level === null ? 0 : design.levels - 1);
}

/** Per row, the column of its level dummy, or −1 for the reference level / no factor. */
function fillDummyColumns(design: GlmDesign, cols: Int32Array): void {
  const level = design.level;
  const firstDummy = design.trend === null ? 1 : 2;
  for (let i = 0; i < design.rows; i++) {
    const l = level === null ? 0 : (level[i] as number);
    cols[i] = l === 0 ? -1 : firstDummy + l - 1;
  }
}

export function fitQuasiPoisson(
  y: Float64Array,
  design: GlmDesign,
  prior: Float64Array | null,
  workspace: GlmWorkspace = new GlmWorkspace(),
): QuasiPoissonFit {
  const n = design.rows;
  const p = designColumns(design);
  workspace.reserve(n, p);
  const hasTrend = design.trend !== null;
  const t = design.trend ?? workspace.zeros;
  const pw = prior ?? workspace.ones;
  const { eta, mu, w, col, xtwx, xtwz, levelExp } = workspace;
  const head = hasTrend ? 2 : 1;
  fillDummyColumns(design, col);
  const beta = new Float64Array(p);

  // Deviance as Σw·y·log y − Σw·y·log μ − Σw·y + Σw·μ: the constant parts once, one log-free pass per step.
  let yLogY = 0;
  let wy = 0;
  let devOld = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    const wi = pw[i] as number;
    const logStart = logCountStart(yi);
    const start = yi + 0.1;
    eta[i] = logStart;
    mu[i] = start;
    wy += wi * yi;
    if (yi > 0) {
      const logY = logCount(yi);
      yLogY += wi * yi * logY;
      devOld += wi * yi * (logY - logStart);
    }
    devOld -= wi * (yi - start);
  }
  devOld *= 2;

  let converged = false;
  let singular = false;
  let iterations = 0;
  for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
    iterations = iter;
    xtwx.fill(0, 0, p * p);
    xtwz.fill(0, 0, p);
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    let b0 = 0;
    let b1 = 0;
    for (let i = 0; i < n; i++) {
      const mi = mu[i] as number;
      // log link: dμ/dη = μ (floored like R's mu.eta) and Var(μ) = μ, so the working weight is prior·μ.
      const pwi = pw[i] as number;
      const wi = pwi * mi;
      w[i] = wi;
      // w·z with z = η + (y − μ)/μ, written without the division since w = prior·μ.
      const wz = wi * (eta[i] as number) + pwi * ((y[i] as number) - mi);
      const ti = t[i] as number;
      s00 += wi;
      s01 += wi * ti;
      s11 += wi * ti * ti;
      b0 += wz;
      b1 += wz * ti;
      const c = col[i] as number;
      if (c >= 0) {
        xtwx[c] = (xtwx[c] as number) + wi;
        xtwx[c * p + c] = (xtwx[c * p + c] as number) + wi;
        xtwz[c] = (xtwz[c] as number) + wz;
        if (hasTrend) xtwx[p + c] = (xtwx[p + c] as number) + wi * ti;
      }
    }
    xtwx[0] = s00;
    xtwz[0] = b0;
    if (hasTrend) {
      xtwx[1] = s01;
      xtwx[p + 1] = s11;
      xtwz[1] = b1;
    }
    if (!arrowheadSolve(xtwx, p, head, xtwz, beta)) {
      singular = true;
      break;
    }

    const beta0 = beta[0] as number;
    const beta1 = hasTrend ? (beta[1] as number) : 0;
    // μ = exp(β₀ + β_level)·exp(β₁t): one exp per level, and along runs of consecutive weeks the trend
    // factor is carried by multiplication (≈ n ulps of drift, far below the 1e-8 convergence criterion).
    const base = Math.exp(beta0);
    for (let c = hasTrend ? 2 : 1; c < p; c++) levelExp[c] = Math.exp(beta0 + (beta[c] as number));
    const stepExp = Math.exp(beta1);
    let previousT = Number.NaN;
    let trendExp = 1;
    let wyLogMu = 0;
    let wMu = 0;
    for (let i = 0; i < n; i++) {
      const c = col[i] as number;
      const ti = t[i] as number;
      const e = beta0 + beta1 * ti + (c >= 0 ? (beta[c] as number) : 0);
      eta[i] = e;
      if (hasTrend) {
        trendExp = Math.abs(ti - previousT - 1) < 1e-9 ? trendExp * stepExp : Math.exp(beta1 * ti);
        previousT = ti;
      }
      let m = (c >= 0 ? (levelExp[c] as number) : base) * trendExp;
      let logM = e;
      if (!(m >= MU_FLOOR)) {
        m = MU_FLOOR;
        logM = LOG_MU_FLOOR;
      }
      mu[i] = m;
      const wi = pw[i] as number;
      wyLogMu += wi * (y[i] as number) * logM;
      wMu += wi * m;
    }
    const dev = 2 * (yLogY - wyLogMu - wy + wMu);
    if (!Number.isFinite(dev)) break;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
      converged = true;
      break;
    }
    devOld = dev;
  }

  let priorZero = 0;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    if (pw[i] === 0) priorZero++;
    const wi = w[i] as number;
    if (wi > 0) {
      const r = ((y[i] as number) - (mu[i] as number)) / (mu[i] as number);
      pearson += wi * r * r;
    }
  }
  const dfResidual = n - priorZero - p;
  // Like glm.fit, the covariance belongs to the last weighted least-squares step (xtwx still holds it).
  const cov = singular ? null : arrowheadInverse(xtwx, p, head);
  return {
    converged: converged && cov !== null,
    iterations,
    coefficients: beta,
    fitted: mu,
    workingWeights: w,
    covUnscaled: cov,
    dispersion: dfResidual > 0 ? pearson / dfResidual : Number.NaN,
    dfResidual,
    parameters: p,
  };
}
