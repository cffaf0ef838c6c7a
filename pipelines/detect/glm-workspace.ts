/**
 * Scratch buffers for the IRLS loop, reused from fit to fit so the hundreds of fits per series do not each
 * allocate a set of typed arrays. A fit's `fitted` and `workingWeights` live here and are valid until the
 * next fit with the same workspace.
 */
export class GlmWorkspace {
  eta = new Float64Array(0);
  mu = new Float64Array(0);
  w = new Float64Array(0);
  ones = new Float64Array(0);
  zeros = new Float64Array(0);
  col = new Int32Array(0);
  xtwx = new Float64Array(0);
  xtwz = new Float64Array(0);
  levelExp = new Float64Array(0);
  /** Farrington's reweighting: hat values, overwritten by the Anscombe residuals; and the weights ω. */
  residuals = new Float64Array(0);
  omega = new Float64Array(0);

  reserve(n: number, p: number): void {
    if (this.eta.length < n) {
      const size = Math.max(n, 2 * this.eta.length);
      this.eta = new Float64Array(size);
      this.mu = new Float64Array(size);
      this.w = new Float64Array(size);
      this.ones = new Float64Array(size).fill(1);
      this.zeros = new Float64Array(size);
      this.col = new Int32Array(size);
      this.residuals = new Float64Array(size);
      this.omega = new Float64Array(size);
    }
    if (this.xtwz.length < p) {
      this.xtwx = new Float64Array(p * p);
      this.xtwz = new Float64Array(p);
      this.levelExp = new Float64Array(p);
    }
  }
}
