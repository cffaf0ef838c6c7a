/**
 * Poisson GLM with log link fitted by iteratively reweighted least squares, following R's `glm.fit`
 * step for step (start μ = y + 0.1, working response z = η + (y − μ)/μ, weights μ, stop when
 * |dev − dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations) so the fitted values agree with R's
 * `glm(family = poisson())` to far below the 1e-6 tolerance of the GLM oracles.
 */

export interface PoissonGlmFit {
  coefficients: number[];
  deviance: number;
  iterations: number;
  converged: boolean;
}

const EPSILON = 1e-8;
const MAX_ITERATIONS = 25;
const MIN_MU_ETA = 2.220446049250313e-16;

function devianceOf(y: readonly number[], mu: readonly number[]): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    const mi = mu[i] as number;
    dev += 2 * ((yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi - mi));
  }
  return dev;
}

/** Solves the symmetric positive-definite system A·x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (m[pivot]![col] === 0) throw new Error('the Poisson GLM design is singular (too few distinct weeks to fit)');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/** Fits log E[y] = X·β. `design` holds one row of covariates per observation (include the intercept). */
export function fitPoissonGlm(y: readonly number[], design: readonly (readonly number[])[]): PoissonGlmFit {
  const n = y.length;
  const p = design[0]?.length ?? 0;
  if (n !== design.length || n === 0) throw new Error('the Poisson GLM needs one design row per observation');
  if (n < p) throw new Error(`the Poisson GLM needs at least ${p} weeks, got ${n}`);

  let mu = y.map((v) => v + 0.1);
  let eta = mu.map((v) => Math.log(v));
  let devOld = devianceOf(y, mu);
  let coefficients = new Array<number>(p).fill(0);
  let deviance = devOld;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const muEta = Math.max(Math.exp(eta[i] as number), MIN_MU_ETA);
      const z = (eta[i] as number) + ((y[i] as number) - (mu[i] as number)) / muEta;
      const w = (muEta * muEta) / (mu[i] as number);
      const row = design[i] as readonly number[];
      for (let a = 0; a < p; a++) {
        const wa = w * (row[a] as number);
        xtwz[a]! += wa * z;
        for (let b = 0; b < p; b++) xtwx[a]![b]! += wa * (row[b] as number);
      }
    }
    coefficients = solve(xtwx, xtwz);
    eta = design.map((row) => row.reduce((sum, x, j) => sum + x * (coefficients[j] as number), 0));
    mu = eta.map((e) => Math.exp(e));
    deviance = devianceOf(y, mu);
    if (Math.abs(deviance - devOld) / (Math.abs(deviance) + 0.1) < EPSILON) {
      return { coefficients, deviance, iterations: iteration, converged: true };
    }
    devOld = deviance;
  }
  return { coefficients, deviance, iterations: MAX_ITERATIONS, converged: false };
}

export function predictPoissonGlm(fit: PoissonGlmFit, row: readonly number[]): number {
  return Math.exp(row.reduce((sum, x, j) => sum + x * (fit.coefficients[j] as number), 0));
}
