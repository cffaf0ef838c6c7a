/**
 * log y, log(y + 0.1) and y^{2/3} for whole counts, memoised: the same few small counts recur in every
 * week's baseline and every refit, and these transcendental calls were a large share of the detector's time.
 */

const SIZE = 4096;
const logTable = new Float64Array(SIZE).fill(Number.NaN);
const logStartTable = new Float64Array(SIZE).fill(Number.NaN);
const twoThirdsTable = new Float64Array(SIZE).fill(Number.NaN);

function cached(table: Float64Array, y: number, compute: (y: number) => number): number {
  if (y >= 0 && y < SIZE && Number.isInteger(y)) {
    const hit = table[y] as number;
    if (hit === hit) return hit; // not NaN
    const value = compute(y);
    table[y] = value;
    return value;
  }
  return compute(y);
}

/** log y (−Infinity for 0). */
export function logCount(y: number): number {
  return cached(logTable, y, Math.log);
}

/** log(y + 0.1): glm.fit's starting linear predictor for Poisson families. */
export function logCountStart(y: number): number {
  return cached(logStartTable, y, (v) => Math.log(v + 0.1));
}

/** y^{2/3}, the Anscombe transform of a count. */
export function countTwoThirds(y: number): number {
  return cached(twoThirdsTable, y, (v) => v ** (2 / 3));
}
