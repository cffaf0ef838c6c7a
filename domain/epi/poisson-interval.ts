import { assertLevel, DEFAULT_LEVEL, twoSidedZ } from './confidence-level.ts';
import { gammaQuantile } from './special-functions/gamma-quantile.ts';

/**
 * Confidence intervals for a Poisson count, the way the UKHSA Fingertips methods (PHEindicatormethods)
 * publish them: exact (Garwood) below 10 events, Byar's approximation from 10 up.
 */

export type PoissonIntervalMethod = 'exact' | 'byar';

export interface CountInterval {
  /** null where Byar's formula has no value (a count of 0). */
  lower: number | null;
  upper: number;
}

export interface MethodInterval extends CountInterval {
  lower: number;
  method: PoissonIntervalMethod;
}

/** Counts from this value up use Byar's approximation. */
export const BYAR_FROM = 10;

export function assertCountValue(count: number): void {
  if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`event count must be a finite number ≥ 0, got ${count}`);
}

/** Garwood: lower = qχ²(α/2; 2x)/2, upper = qχ²(1 − α/2; 2(x+1))/2, i.e. gamma quantiles. */
export function exactPoissonInterval(count: number, level = DEFAULT_LEVEL): { lower: number; upper: number } {
  assertCountValue(count);
  assertLevel(level);
  const alpha = 1 - level;
  return {
    lower: count === 0 ? 0 : gammaQuantile(alpha / 2, count),
    upper: gammaQuantile(1 - alpha / 2, count + 1),
  };
}

/** Byar (Breslow & Day 1987): x(1 − 1/(9x) − z/(3√x))³ and (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³. */
export function byarPoissonInterval(count: number, level = DEFAULT_LEVEL): CountInterval {
  assertCountValue(count);
  const z = twoSidedZ(level);
  const lower = count * Math.pow(1 - 1 / (9 * count) - z / (3 * Math.sqrt(count)), 3);
  const next = count + 1;
  const upper = next * Math.pow(1 - 1 / (9 * next) + z / (3 * Math.sqrt(next)), 3);
  return { lower: Number.isFinite(lower) && lower >= 0 ? lower : null, upper };
}

/** The published rule: exact below 10 events, Byar from 10. */
export function poissonInterval(count: number, level = DEFAULT_LEVEL): MethodInterval {
  if (count < BYAR_FROM) return { ...exactPoissonInterval(count, level), method: 'exact' };
  const byar = byarPoissonInterval(count, level);
  // From 10 events Byar's lower limit is always positive; the fallback only guards extreme levels.
  return { lower: byar.lower ?? exactPoissonInterval(count, level).lower, upper: byar.upper, method: 'byar' };
}
