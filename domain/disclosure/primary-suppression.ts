/**
 * Primary suppression: a count of 1 … k−1 is never published. 0 is published: a zero says nothing about
 * a person, and hiding zeros would hide most of a quiet map.
 */
import { smallCount, type Cell } from './suppressed-value.ts';

export const DEFAULT_K = 5;
/** Below 3 a published count could single out one or two people (OECD/CBS practice uses 3 to 10). */
export const MIN_K = 3;

/** The threshold to use: `DEFAULT_K` when not configured; throws on a k below `MIN_K` or not whole. */
export function resolveK(k: number | undefined): number {
  if (k === undefined) return DEFAULT_K;
  if (!Number.isInteger(k) || k < MIN_K) {
    throw new RangeError(
      `disclosure threshold k must be a whole number of at least ${MIN_K} (got ${k}); counts below k are hidden`,
    );
  }
  return k;
}

export function assertCount(count: number, what = 'count'): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`${what} must be a whole number of at least 0 (got ${count}); only counts can be protected`);
  }
}

export function isSmallCount(count: number, k: number): boolean {
  return count >= 1 && count < k;
}

export function primaryCell(count: number, k: number): Cell {
  assertCount(count);
  return isSmallCount(count, k) ? smallCount(k) : count;
}
