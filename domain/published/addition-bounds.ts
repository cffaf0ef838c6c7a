import { MAX_NOISE } from './perturbation.ts';

/** One published cell before and after signals were added to it; null is `<k` (no row). */
export interface CellPair {
  before: number | null;
  after: number | null;
}

/**
 * What an attacker who knows the design can say about how many signals were added to every one of these
 * cells between two snapshots (the same number for all: each holds all of them). A shown p says the true
 * count lies in p ± MAX_NOISE (and is at least 1); `<k` says 0 … k − 1 + MAX_NOISE. Each cell bounds the
 * increase by its after-interval minus its before-interval; `low` is at least 1, since something changed.
 * `low === high` pins the increase.
 */
export function additionBounds(cells: readonly CellPair[], k: number): { low: number; high: number } {
  const range = (p: number | null): [number, number] =>
    p === null ? [0, k - 1 + MAX_NOISE] : [Math.max(1, p - MAX_NOISE), p + MAX_NOISE];
  let low = 1;
  let high = Number.POSITIVE_INFINITY;
  for (const { before, after } of cells) {
    const [b0, b1] = range(before);
    const [a0, a1] = range(after);
    low = Math.max(low, a0 - b1);
    high = Math.min(high, a1 - b0);
  }
  return { low, high };
}
