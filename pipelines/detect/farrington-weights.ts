/**
 * Down-weights past weeks whose Anscombe residual exceeds the threshold (s > threshold gets s⁻², the rest
 * 1), rescaled by γ so the weights sum to the number of weeks — `algo.farrington.assign.weights`.
 * Only positive residuals count: a week far below its expectation is not a past outbreak.
 */
export function farringtonWeights(
  residuals: ArrayLike<number>,
  threshold: number,
  /** Where to write them (first `n` entries); a new array without. */
  out?: Float64Array,
  n = residuals.length,
): Float64Array {
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const s = residuals[i] as number;
    denominator += s > threshold ? s ** -2 : 1;
  }
  const gamma = n / denominator;
  const omega = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = residuals[i] as number;
    omega[i] = s > threshold ? gamma * s ** -2 : gamma;
  }
  return omega;
}
