import { regularizedIncompleteBeta } from './incomplete-beta.ts';

/** P(T ≤ t) for Student's t with `df` degrees of freedom (R's pt with lower.tail = TRUE). */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value 2·P(T ≤ −|t|), as summary.glm reports it for a quasi family. */
export function studentTTwoSidedP(t: number, df: number): number {
  return 2 * studentTCdf(-Math.abs(t), df);
}
