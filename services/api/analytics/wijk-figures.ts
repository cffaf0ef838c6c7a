import type { CbsBand } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';
import { regionalSmrs, type SmrFigure } from '@wijksignaal/domain/epi/regional-smr';
import type { ThemeArea } from '../queries/theme-areas.ts';
import { memoPoissonInterval } from './memo-poisson-interval.ts';
import { rateOf, type RateFigure } from './rate-of.ts';

/** Everything the overview, the funnel and the overview export know about one wijk's period cell. */
export interface WijkFigures extends ThemeArea {
  /** The published count of the period; null when withheld (no row: empty or a few signals). */
  count: number | null;
  ratePer1000: number | null;
  rate: RateFigure | null;
  smr: SmrFigure | null;
}

/** The published cells of one theme and grid period that the wijk figures are computed from. */
export interface PeriodCells {
  /** Each wijk's published total; a wijk without one is withheld. */
  wijk: ReadonlyMap<string, number | null>;
  /** The region's published cells per signal age band (a band without one is withheld and left out). */
  regionByAgeBand: ReadonlyMap<string, number>;
}

/**
 * Adds the rate with its interval and the regional SMR (domain/epi/regional-smr.ts, the priority score's
 * own definition) to each wijk's published count. Pure. A withheld wijk gets neither. The region's age
 * bands enter the reference exactly as the pipeline's priority score reads them
 * (domain/priority/priority-input-query.ts: the published band cells only), so the SMR of
 * the SMR quarter is the same number in the overview and in the priorities.
 */
export function wijkFigures(
  theme: Theme,
  areas: readonly ThemeArea[],
  cells: PeriodCells,
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>,
): WijkFigures[] {
  const interval = memoPoissonInterval();
  const countOf = (code: string) => cells.wijk.get(code) ?? null;
  // regionalSmrs takes the published numbers only: a withheld wijk is left out and gets no SMR.
  const observed = new Map<string, number>();
  for (const area of areas) {
    const count = countOf(area.code);
    if (count !== null) observed.set(area.code, count);
  }
  const smrs = regionalSmrs({ theme, observed, regionByAgeBand: cells.regionByAgeBand, population, interval });
  return areas.map((area) => {
    const count = countOf(area.code);
    const rate = count === null ? null : rateOf(count, area.exactResidents, interval);
    return { ...area, count, ratePer1000: rate?.value ?? null, rate, smr: smrs.get(area.code) ?? null };
  });
}
