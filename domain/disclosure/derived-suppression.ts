/**
 * Figures computed from a count (rate, interval, SMR, share) are hidden with it, or the count could be
 * recomputed from them. A rate also needs enough residents underneath: over a handful of people one
 * signal moves it by hundreds per 1,000 and points at a household.
 */
import { hidden, isSuppressed, type Cell, type Suppressed } from './suppressed-value.ts';

/**
 * 100 residents of the population the rate is about, the level from which CBS publishes income figures
 * per buurt (its minima range from 10 to 150 by topic). At 100 one signal moves a rate by 10 per 1,000.
 */
export const DEFAULT_MIN_DENOMINATOR = 100;

export function resolveMinDenominator(min: number | undefined): number {
  if (min === undefined) return DEFAULT_MIN_DENOMINATOR;
  if (!Number.isFinite(min) || min < 1) {
    throw new RangeError(`minimum denominator for rates must be at least 1 (got ${min})`);
  }
  return min;
}

/**
 * The derived value as it may be published: hidden when its count is hidden or its denominator is
 * below the minimum (or unknown), otherwise unchanged. `null`/`undefined` (not computed) stay as they are.
 */
export function protectDerived<T>(
  value: T,
  count: Cell,
  denominator: { value: number | null | undefined; min: number } | undefined,
): T | Suppressed {
  if (value === null || value === undefined) return value;
  if (isSuppressed(count)) return hidden();
  if (denominator && !(typeof denominator.value === 'number' && denominator.value >= denominator.min)) return hidden();
  return value;
}
