/**
 * Mean and sample standard deviation (n − 1) of a slice, computed in two passes like R's mean() and sd()
 * so the EARS bounds agree with R to the last few bits.
 */
export function sliceMean(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  const n = to - from;
  const mean = sum / n;
  // R refines the mean with the mean of the residuals (summary.c); this keeps the last bits equal.
  let correction = 0;
  for (let i = from; i < to; i++) correction += (values[i] as number) - mean;
  return mean + correction / n;
}

export function sliceSd(values: readonly number[], from: number, to: number, mean = sliceMean(values, from, to)): number {
  let squares = 0;
  for (let i = from; i < to; i++) {
    const d = (values[i] as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (to - from - 1));
}
