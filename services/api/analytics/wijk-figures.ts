import type { CbsBand } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';
import { memoPoissonInterval } from './memo-poisson-interval.ts';
import type { AgeCount } from '../queries/period-age-counts.ts';
import type { OverviewArea } from '../queries/overview.ts';
import { regionalSmrs, type SmrFigure } from './regional-smr.ts';

export interface RateFigure {
  value: number;
  lower: number;
  upper: number;
}

/** Everything the overview, the funnel and the priorities know about one wijk's period count, unprotected. */
export interface WijkFigures extends OverviewArea {
  rate: RateFigure | null;
  smr: SmrFigure | null;
}

/** Adds the rate with its interval and the regional SMR to each wijk's count. Pure. */
export function wijkFigures(
  theme: Theme,
  areas: readonly OverviewArea[],
  ageCounts: readonly AgeCount[],
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>,
): WijkFigures[] {
  const interval = memoPoissonInterval();
  const smrs = regionalSmrs(theme, ageCounts, population, interval);
  return areas.map((area) => {
    let rate: RateFigure | null = null;
    if (area.exactResidents !== null && area.exactResidents > 0) {
      // domain/epi/rate.ts ratePer1000, with the count's interval remembered across wijken.
      const scale = 1000 / area.exactResidents;
      const { lower, upper } = interval(area.count);
      rate = { value: area.count * scale, lower: lower * scale, upper: upper * scale };
    }
    return { ...area, rate, smr: smrs.get(area.code) ?? null };
  });
}
