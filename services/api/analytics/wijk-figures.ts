import type { CbsBand } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';
import { ratePer1000 } from '../../../pipelines/epi/rate.ts';
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
  const smrs = regionalSmrs(theme, ageCounts, population);
  return areas.map((area) => {
    const rate = area.exactResidents !== null && area.exactResidents > 0 ? ratePer1000(area.count, area.exactResidents) : null;
    return {
      ...area,
      rate: rate === null ? null : { value: rate.rate, lower: rate.lower, upper: rate.upper },
      smr: smrs.get(area.code) ?? null,
    };
  });
}
