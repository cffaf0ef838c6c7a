import { countTwoThirds } from './numeric/count-transforms.ts';

/**
 * Standardised Anscombe residuals of a Poisson fit, as `surveillance::anscombe.residuals`:
 * 3/2·(y^{2/3}·μ^{−1/6} − μ^{1/2}) / √(φ·(1 − h)). Farrington uses them to spot past outbreaks in the
 * baseline; a residual is NaN or infinite only when a hat value is exactly 1.
 */
export function anscombeResiduals(
  y: ArrayLike<number>,
  fitted: ArrayLike<number>,
  hat: ArrayLike<number>,
  phi: number,
  /** Where to write them (may be `hat` itself: each entry is read before it is written); a new array without. */
  out: Float64Array = new Float64Array(y.length),
): Float64Array {
  for (let i = 0; i < y.length; i++) {
    const mu = fitted[i] as number;
    const root = Math.sqrt(mu);
    // μ^{−1/6} as 1/∛√μ: same value to a few ulps, several times faster than a general power.
    const raw = 1.5 * (countTwoThirds(y[i] as number) / Math.cbrt(root) - root);
    out[i] = raw / Math.sqrt(phi * (1 - (hat[i] as number)));
  }
  return out;
}
