import { normalQuantile } from './special-functions/normal-quantile.ts';

/** 95% is what GGD reports use; 99.8% is the outer funnel limit and the "3 sigma" check. */
export const DEFAULT_LEVEL = 0.95;

export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
}

/** Two-sided z for a confidence level, computed the way PHEindicatormethods does (level + (1 − level)/2). */
export function twoSidedZ(level: number): number {
  assertLevel(level);
  return normalQuantile(level + (1 - level) / 2);
}
