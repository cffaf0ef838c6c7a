/**
 * Inverse of a symmetric positive-definite p × p matrix (row-major) through its Cholesky factor; null when
 * a pivot is not positive, i.e. the matrix is singular for practical purposes.
 */
export function choleskyInverse(matrix: ArrayLike<number>, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = matrix[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * p + k] as number) ** 2;
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = matrix[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      l[i * p + j] = s / ljj;
    }
  }
  // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    inv[i * p + i] = 1 / (l[i * p + i] as number);
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= (l[i * p + k] as number) * (inv[k * p + j] as number);
      inv[i * p + j] = s / (l[i * p + i] as number);
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += (inv[k * p + i] as number) * (inv[k * p + j] as number);
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}
