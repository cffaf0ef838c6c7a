import type { RateFigure, WijkFigures } from './wijk-figures.ts';
import { memoPoissonInterval } from './memo-poisson-interval.ts';

/** A gemeente's count of a theme over a period: the sum of its wijken, with the rate over their residents. */
export interface GemeenteFigures {
  gemeenteCode: string;
  gemeenteName: string;
  count: number;
  /** The exact sum of the wijken's theme populations; null when one of them is unknown. */
  exactResidents: number | null;
  rate: RateFigure | null;
}

/**
 * Sums wijk figures per gemeente (in order of first appearance) and computes each rate with the same
 * interval as a wijk's (exact Poisson below 10, Byar from 10). A gemeente with a wijk of unknown population
 * gets no rate: its count includes signals the denominator would leave out. Pure.
 */
export function gemeenteFigures(wijken: readonly WijkFigures[]): GemeenteFigures[] {
  const byCode = new Map<string, GemeenteFigures>();
  for (const wijk of wijken) {
    const group = byCode.get(wijk.gemeenteCode) ?? {
      gemeenteCode: wijk.gemeenteCode,
      gemeenteName: wijk.gemeenteName,
      count: 0,
      exactResidents: 0,
      rate: null,
    };
    group.count += wijk.count;
    group.exactResidents =
      group.exactResidents === null || wijk.exactResidents === null ? null : group.exactResidents + wijk.exactResidents;
    byCode.set(wijk.gemeenteCode, group);
  }
  const interval = memoPoissonInterval();
  return [...byCode.values()].map((group) => ({ ...group, rate: rateOf(group.count, group.exactResidents, interval) }));
}

/** Rate per 1,000 with its 95% interval; null without a positive denominator. */
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
