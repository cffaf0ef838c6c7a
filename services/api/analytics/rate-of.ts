import { memoPoissonInterval } from './memo-poisson-interval.ts';

export interface RateFigure {
  value: number;
  lower: number;
  upper: number;
}

/**
 * Rate per 1,000 of a published count with its 95% interval (exact Poisson below 10, Byar from 10, as
 * domain/epi/rate.ts); null without a positive denominator.
 */
export function rateOf(
  count: number,
  residents: number | null,
  interval: (count: number) => { lower: number; upper: number } = memoPoissonInterval(),
): RateFigure | null {
  if (residents === null || !(residents > 0)) return null;
  const scale = 1000 / residents;
  const { lower, upper } = interval(count);
  return { value: count * scale, lower: lower * scale, upper: upper * scale };
}
