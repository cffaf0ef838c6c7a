/**
 * Baseline mean and sample standard deviation (n − 1) of any window of a count series in O(1), from
 * prefix sums of the counts and their squares. Counts are whole numbers, so the sums are exact integers
 * (below 2^53) and the variance n·Σx² − (Σx)² is exact before the one division: the result is as close to
 * R's two-pass mean() and sd() as double precision allows, while the detection chain over every wijk
 * avoids re-summing each baseline.
 */
export interface WindowStats {
  mean(from: number, to: number): number;
  sd(from: number, to: number): number;
}

export function windowStats(counts: readonly number[]): WindowStats {
  const sums = new Float64Array(counts.length + 1);
  const squares = new Float64Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) {
    const x = counts[i] as number;
    sums[i + 1] = (sums[i] as number) + x;
    squares[i + 1] = (squares[i] as number) + x * x;
  }
  return {
    /** Mean of counts[from … to − 1]. */
    mean(from, to) {
      return ((sums[to] as number) - (sums[from] as number)) / (to - from);
    },
    sd(from, to) {
      const n = to - from;
      const sum = (sums[to] as number) - (sums[from] as number);
      const sumSquares = (squares[to] as number) - (squares[from] as number);
      // Whole counts give an exact, never negative difference; a baseline with a known event's expected count
      // (a fraction) can round a constant window just below 0, which is a variance of 0, not NaN.
      return Math.sqrt(Math.max(0, n * sumSquares - sum * sum) / (n * (n - 1)));
    },
  };
}

/** Mean of a plain list (the CUSUM training weeks). */
export function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
