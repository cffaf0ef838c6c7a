import { poissonLimitLines } from './poisson-count-limits.ts';

/**
 * Funnel-plot control limits for a Poisson rate (or an SMR) as a function of the denominator.
 *
 * For denominator n and target rate θ the expected count is E = θ·n; the limits are the exact Poisson
 * limits of the count at E (`poisson-count-limits.ts`: a count is beyond them when the Poisson tail beyond
 * it is ≤ α/2, as in the UKHSA Fingertips funnels), drawn as a line between whole counts and divided by n
 * (× the rate multiplier). For an SMR the denominator is the expected count and θ = 1. Not the continuous
 * qχ²(α/2; 2E)/2 form: that puts the lower limit above 0 for every E > 0, so a wijk with 0 events and 1
 * expected would be flagged "low" although P(X = 0 | 1) = 0.37. An area outside the 99.8% funnel is
 * unlikely (at most 1 in 1000 per side) to be there by chance alone.
 */

export const FUNNEL_LEVELS = [0.95, 0.998] as const;

export interface FunnelLimit {
  level: number;
  lower: number;
  upper: number;
}

export interface FunnelPoint {
  denominator: number;
  limits: FunnelLimit[];
}

export interface FunnelOptions {
  levels?: readonly number[];
  /** 1000 for a rate per 1,000; 1 for an SMR. */
  multiplier?: number;
}

export function funnelLimitsAt(denominator: number, target: number, options: FunnelOptions = {}): FunnelPoint {
  if (!(denominator > 0) || !Number.isFinite(denominator)) {
    throw new RangeError(`funnel denominator must be a positive number, got ${denominator}`);
  }
  if (!(target >= 0) || !Number.isFinite(target)) throw new RangeError(`funnel target must be ≥ 0, got ${target}`);
  const multiplier = options.multiplier ?? 1;
  const expected = target * denominator;
  const limits = (options.levels ?? FUNNEL_LEVELS).map((level) => {
    const lines = poissonLimitLines(expected, level);
    return { level, lower: (lines.lower / denominator) * multiplier, upper: (lines.upper / denominator) * multiplier };
  });
  return { denominator, limits };
}

/** The funnel over a denominator range, on a log-spaced grid so small wijken get as much detail as big ones. */
export function funnelCurve(
  target: number,
  range: { min: number; max: number; points?: number },
  options: FunnelOptions = {},
): FunnelPoint[] {
  const points = range.points ?? 100;
  if (!(range.min > 0) || !(range.max >= range.min)) {
    throw new RangeError(`funnel range needs 0 < min ≤ max, got ${range.min} … ${range.max}`);
  }
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`funnel needs at least 2 points, got ${points}`);
  const step = Math.log(range.max / range.min) / (points - 1);
  return Array.from({ length: points }, (_, i) =>
    funnelLimitsAt(i === points - 1 ? range.max : range.min * Math.exp(step * i), target, options),
  );
}

/** The funnel's centre line: Σ events / Σ denominator over all areas. */
export function pooledTarget(areas: readonly { events: number; denominator: number }[]): number {
  const events = areas.reduce((sum, a) => sum + a.events, 0);
  const denominator = areas.reduce((sum, a) => sum + a.denominator, 0);
  if (!(denominator > 0)) throw new RangeError('funnel target needs a total denominator > 0');
  return events / denominator;
}
