/**
 * Cell-key perturbation (ABS TableBuilder; Thompson, Broadfoot & Elazar 2013; Destatis, Giessing & Tent
 * 2019). Every signal gets a 32-bit record key when it is accepted; a cell's key is the sum of its
 * records' keys modulo 2^32, so it is a fixed function of exactly which signals the cell holds. The
 * noise of a published count is read through a fixed table from the cell's noise key, a fixed scramble of
 * its cell key (noise-key.ts says why the cell key alone is not enough), so:
 * - the same cell always gets the same published number, in every view, export and snapshot;
 * - two cells that differ by a few signals have unrelated keys, so differences of overlapping cells are
 *   noisy and cannot be averaged away (each cell is published once, with one noise).
 * Only a perturbed count of at least k is published; everything else — a true zero included — is `<k`.
 * Telling 0 apart from `<k` would give an attacker a free lower bound of 1 on every withheld cell, and one
 * cell at the edge of the noise then pins all of them (shown by the linear-programming attacker).
 */
import { noiseKeyOf } from './noise-key.ts';

export const RECORD_KEY_SPACE = 2 ** 32;

/**
 * The noise table: noise −3 … +3 with probabilities 2, 6, 17, 50, 17, 6, 2 percent. Mean 0, mean absolute
 * change 0.70 (shown counts near k are shown more often when the noise is up, so the change among shown
 * counts is a little larger). What protects is the support, not the spread: ±3 means a single constraint
 * leaves an attacker seven values, and pinning needs cells at the 2 % edges.
 */
export const NOISE_TABLE: readonly { noise: number; probability: number }[] = [
  { noise: -3, probability: 0.02 },
  { noise: -2, probability: 0.06 },
  { noise: -1, probability: 0.17 },
  { noise: 0, probability: 0.5 },
  { noise: 1, probability: 0.17 },
  { noise: 2, probability: 0.06 },
  { noise: 3, probability: 0.02 },
];

/** The largest change perturbation makes to a count: what an attacker who knows the design may assume. */
export const MAX_NOISE = Math.max(...NOISE_TABLE.map((row) => Math.abs(row.noise)));

/** Upper bounds (exclusive) of each noise value's share of the key space, as exact integers. */
export const NOISE_BOUNDS: readonly { noise: number; below: number }[] = (() => {
  let cumulative = 0;
  return NOISE_TABLE.map((row, i) => {
    cumulative += row.probability;
    return {
      noise: row.noise,
      below: i === NOISE_TABLE.length - 1 ? RECORD_KEY_SPACE : Math.round(cumulative * RECORD_KEY_SPACE),
    };
  });
})();

/** A cell's key from the sum of its records' keys (any non-negative integer sum). */
export function cellKeyOf(recordKeySum: number | bigint): number {
  return Number(BigInt(recordKeySum) % BigInt(RECORD_KEY_SPACE));
}

/** The noise the table assigns to a cell key (0 … 2^32 − 1), read from its noise key. */
export function noiseOf(cellKey: number): number {
  if (!Number.isInteger(cellKey) || cellKey < 0 || cellKey >= RECORD_KEY_SPACE)
    throw new Error(`cell key ${cellKey} is outside 0 … 2^32 − 1`);
  const noiseKey = noiseKeyOf(cellKey);
  return NOISE_BOUNDS.find((bound) => noiseKey < bound.below)!.noise;
}

/**
 * The published count of a cell with true count `n` and cell key `cellKey`: the perturbed count when it is
 * at least k, otherwise null (shown as `<k`, which covers 0 too).
 */
export function publishedCount(n: number, cellKey: number, k: number): number | null {
  const perturbed = n + noiseOf(cellKey);
  return n > 0 && perturbed >= k ? perturbed : null;
}

/**
 * The same rule as SQL over a cell's true count and its noise key (a column holding `noiseKeySql` of the
 * cell key), for the pipeline's published-table build and detection series (generated from NOISE_BOUNDS,
 * so the table is written once). Yields NULL for a withheld cell.
 */
export function publishedCountSql(nColumn: string, noiseKeyColumn: string, k: number): string {
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be a whole number of at least 2, not ${k}`);
  const noise = `CASE ${NOISE_BOUNDS.map((b) => `WHEN ${noiseKeyColumn} < ${b.below} THEN ${b.noise}`).join(' ')} END`;
  return `CASE WHEN ${nColumn} > 0 AND ${nColumn} + (${noise}) >= ${k} THEN ${nColumn} + (${noise}) END`;
}

/**
 * What a withheld cell (`<k`, a true zero included) contributes to a derived figure (detection baselines,
 * trends): k − 1, the top of what `<k` says. Never its true or perturbed count, so the figure carries
 * nothing the marker does not. The top, not the middle: a wijk with about three signals a week is
 * withheld most weeks and shown as 5 or 6 when the noise is up (8 % of its weeks); against a baseline of
 * k − 1 a 5 is no rise, so perturbation seldom makes sparse series raise false alarms (a real rise still
 * does). Seldom, not never: a 6 (noise +3, 2 % of weeks) after seven withheld weeks can be flagged amber
 * by EARS, whose baseline then has no spread; domain/published/README.md names this residual risk.
 */
export function withheldStandIn(k: number): number {
  return k - 1;
}
