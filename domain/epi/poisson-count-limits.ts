import { assertLevel } from './confidence-level.ts';
import { regularizedGammaQ } from './special-functions/regularized-gamma.ts';

/**
 * Exact Poisson control limits for an observed COUNT given its expected value E (the funnel-plot test of
 * the UKHSA Fingertips methods: a count is significant when the exact Poisson tail beyond it is ≤ α/2).
 * At level 1 − α, with p = α/2:
 *   lower = the largest x with P(X < x | E) ≤ p   → a count below it has P(X ≤ count | E) ≤ p;
 *   upper = the smallest x with P(X > x | E) ≤ p  → a count above it has P(X ≥ count | E) ≤ p.
 * So a count of 0 is only ever below the lower limit once P(X = 0 | E) = e^−E ≤ p (E ≥ 6.91 at 99.8%).
 * The limits are counts, not rates: compare the observed count with them, never a rate with a rate
 * curve sampled elsewhere.
 */

export interface CountLimits {
  level: number;
  lower: number;
  upper: number;
}

/** P(X ≤ x | E) for a Poisson count, as the regularised upper incomplete gamma Q(x + 1, E). */
export function poissonCdf(x: number, expected: number): number {
  if (x < 0) return 0;
  if (expected === 0) return 1;
  return regularizedGammaQ(Math.floor(x) + 1, expected);
}

function assertExpected(expected: number): void {
  if (!(expected >= 0) || !Number.isFinite(expected)) {
    throw new RangeError(`expected count must be a finite number ≥ 0, got ${expected}`);
  }
}

/** The smallest integer x ≥ 0 where a predicate that is monotone in x (false … false, true …) holds. */
function smallestWhere(holds: (x: number) => boolean, guess: number): number {
  let x = Math.max(0, Math.floor(guess));
  if (holds(x)) {
    while (x > 0 && holds(x - 1)) x -= 1;
    return x;
  }
  while (!holds(x)) x += 1;
  return x;
}

export function poissonCountLimits(expected: number, level: number): CountLimits {
  assertExpected(expected);
  assertLevel(level);
  const p = (1 - level) / 2;
  const spread = 4 * Math.sqrt(expected);
  // lower: P(X < lower) ≤ p < P(X ≤ lower), i.e. the smallest x with P(X ≤ x) > p.
  const lower = smallestWhere((x) => poissonCdf(x, expected) > p, expected - spread);
  // upper: the smallest x with P(X > x) ≤ p, i.e. P(X ≤ x) ≥ 1 − p.
  const upper = smallestWhere((x) => 1 - poissonCdf(x, expected) <= p, expected + spread);
  return { level, lower, upper };
}

/**
 * The limits as a smooth line for drawing, interpolated between whole counts so that a whole count lies
 * beyond the line exactly when it lies beyond the count limit above (cf. Spiegelhalter, Stat Med
 * 2005;24:1185, appendix A.1.1): the lower line lies in (lower − 1, lower], the upper in (upper, upper + 1].
 */
export function poissonLimitLines(expected: number, level: number): CountLimits {
  const { lower, upper } = poissonCountLimits(expected, level);
  const p = (1 - level) / 2;
  const pmf = (x: number) => poissonCdf(x, expected) - poissonCdf(x - 1, expected);
  const lowerLine = lower - (poissonCdf(lower, expected) - p) / pmf(lower);
  const upperLine = upper + (1 - poissonCdf(upper - 1, expected) - p) / pmf(upper);
  return { level, lower: Math.max(0, lowerLine), upper: upperLine };
}

/** 'above' or 'below' when the count lies beyond that limit, null when within (on a limit is within). */
export function countBeyondLimits(observed: number, expected: number, level: number): 'above' | 'below' | null {
  const { lower, upper } = poissonCountLimits(expected, level);
  if (observed > upper) return 'above';
  if (observed < lower) return 'below';
  return null;
}
