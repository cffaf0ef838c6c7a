/**
 * Solve and invert a symmetric positive-definite "arrowhead" matrix: a dense m × m head (m ≤ 2 here:
 * intercept and trend), a diagonal tail (one seasonal dummy per level, since a week belongs to one level)
 * and the coupling between them. Through the m × m Schur complement this costs O(p) per solve instead of
 * the O(p³) of a dense factorisation — the normal equations of every Farrington IRLS step have this shape.
 *
 * Layout (row-major p × p, p = m + q): the caller fills head entries [r·p + c] for r, c < m, the
 * coupling [r·p + c] for r < m ≤ c, and the diagonal [c·p + c] for c ≥ m; everything else is ignored.
 */

// The Schur complement and its inverse, reused: every IRLS step of every fit solves once (this module runs
// synchronously, one solve at a time per thread).
const SCHUR = new Float64Array(4);
const SCHUR_INVERSE = new Float64Array(4);

/** 2 × 2 (or 1 × 1) Schur complement S = B − C·D⁻¹·Cᵀ, or null when not positive definite. */
function schur(a: Float64Array, p: number, m: number, out: Float64Array): boolean {
  for (let r = 0; r < m; r++) {
    for (let c = r; c < m; c++) {
      let s = a[r * p + c] as number;
      for (let k = m; k < p; k++) s -= ((a[r * p + k] as number) * (a[c * p + k] as number)) / (a[k * p + k] as number);
      out[r * m + c] = s;
      out[c * m + r] = s;
    }
  }
  for (let k = m; k < p; k++) if (!((a[k * p + k] as number) > 0)) return false;
  if (!((out[0] as number) > 0)) return false;
  if (m === 2 && !((out[0] as number) * (out[3] as number) - (out[1] as number) ** 2 > 0)) return false;
  return true;
}

function invertSmall(s: Float64Array, m: number, out: Float64Array): void {
  if (m === 1) {
    out[0] = 1 / (s[0] as number);
    return;
  }
  const det = (s[0] as number) * (s[3] as number) - (s[1] as number) * (s[2] as number);
  out[0] = (s[3] as number) / det;
  out[1] = -(s[1] as number) / det;
  out[2] = -(s[2] as number) / det;
  out[3] = (s[0] as number) / det;
}

/** Solves A·x = b into x (length p); false when A is not positive definite. */
export function arrowheadSolve(a: Float64Array, p: number, m: number, b: Float64Array, x: Float64Array): boolean {
  const s = SCHUR;
  if (!schur(a, p, m, s)) return false;
  const sInv = SCHUR_INVERSE;
  invertSmall(s, m, sInv);
  // Head: S·x_head = b_head − C·D⁻¹·b_tail.
  let r0 = b[0] as number;
  let r1 = m === 2 ? (b[1] as number) : 0;
  for (let k = m; k < p; k++) {
    const scaled = (b[k] as number) / (a[k * p + k] as number);
    r0 -= (a[k] as number) * scaled;
    if (m === 2) r1 -= (a[p + k] as number) * scaled;
  }
  const x0 = m === 2 ? (sInv[0] as number) * r0 + (sInv[1] as number) * r1 : (sInv[0] as number) * r0;
  const x1 = m === 2 ? (sInv[2] as number) * r0 + (sInv[3] as number) * r1 : 0;
  x[0] = x0;
  if (m === 2) x[1] = x1;
  // Tail: x_k = (b_k − C_kᵀ·x_head) / d_k.
  for (let k = m; k < p; k++) {
    const coupling = (a[k] as number) * x0 + (m === 2 ? (a[p + k] as number) * x1 : 0);
    x[k] = ((b[k] as number) - coupling) / (a[k * p + k] as number);
  }
  return true;
}

/** Dense A⁻¹ (row-major p × p) by block inversion; null when A is not positive definite. */
export function arrowheadInverse(a: Float64Array, p: number, m: number): Float64Array | null {
  const s = SCHUR;
  if (!schur(a, p, m, s)) return null;
  const sInv = SCHUR_INVERSE;
  invertSmall(s, m, sInv);
  const out = new Float64Array(p * p);
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) out[r * p + c] = sInv[r * m + c] as number;
  // Off-diagonal block: −S⁻¹·C·D⁻¹.
  for (let k = m; k < p; k++) {
    const d = a[k * p + k] as number;
    for (let r = 0; r < m; r++) {
      let v = 0;
      for (let c = 0; c < m; c++) v -= (sInv[r * m + c] as number) * (a[c * p + k] as number);
      v /= d;
      out[r * p + k] = v;
      out[k * p + r] = v;
    }
  }
  // Tail block: D⁻¹ + D⁻¹·Cᵀ·S⁻¹·C·D⁻¹ = D⁻¹ − D⁻¹·Cᵀ·(off-diagonal block).
  for (let k = m; k < p; k++) {
    const dk = a[k * p + k] as number;
    for (let l = m; l <= k; l++) {
      let v = 0;
      for (let r = 0; r < m; r++) v -= (a[r * p + k] as number) * (out[r * p + l] as number);
      v /= dk;
      if (k === l) v += 1 / dk;
      out[k * p + l] = v;
      out[l * p + k] = v;
    }
  }
  return out;
}
