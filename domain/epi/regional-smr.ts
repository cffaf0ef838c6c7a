import { CBS_BAND_OF, THEME_POPULATION, type CbsBand } from '@wijksignaal/contracts/population';
import type { AgeBand, Theme } from '@wijksignaal/contracts/signal';
import { poissonInterval } from './poisson-interval.ts';

export interface SmrFigure {
  value: number;
  lower: number;
  upper: number;
  expected: number;
}

/** The published counts an SMR against the region is computed from, all of one theme and one period. */
export interface RegionalSmrInput {
  theme: Theme;
  /** Each wijk's published count; a wijk not in it is withheld (`<k`) and gets no SMR. */
  observed: ReadonlyMap<string, number>;
  /** The region's published count per signal age band (`unknown` included). */
  regionByAgeBand: ReadonlyMap<string, number>;
  /** Residents per CBS band per wijk. */
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>;
  /** The interval of an observed count (exact below 10, Byar from 10); the API passes a memoised one. */
  interval?: (count: number) => { lower: number; upper: number };
}

/**
 * How signals without a usable age enter the SMR (said in every overview response). Excluding them would
 * make every SMR too low wherever partners often leave the age out; they are kept in each wijk's observed
 * count and the region's band rates are scaled up by the same share, so the region as a whole has SMR 1.
 */
export const SMR_UNKNOWN_AGE =
  'signals without a known age (or outside the theme bands) count as observed; the regional band rates are scaled up by their share, so the region has SMR 1';

/**
 * Indirect standardisation against the whole region, from published counts only: the reference rate of a
 * CBS band is the region's published count of the signal age bands in it over the residents of that band
 * (wijken whose band is known), scaled by the share of signals without a usable age. A wijk with every
 * theme band known gets expected = Σ rate × residents and SMR = observed / expected with the interval of
 * the observed count over expected (as PHEindicatormethods' ISRatio). One definition for the overview,
 * the funnel and the priority score.
 */
export function regionalSmrs(input: RegionalSmrInput): Map<string, SmrFigure> {
  const bands = THEME_POPULATION[input.theme].bands;
  const bandCounts = new Map<CbsBand, number>(bands.map((b) => [b, 0]));
  let outside = 0;
  for (const [ageBand, n] of input.regionByAgeBand) {
    const band = CBS_BAND_OF[ageBand as AgeBand] ?? null;
    if (band !== null && bandCounts.has(band)) bandCounts.set(band, bandCounts.get(band)! + n);
    else outside += n;
  }
  let known = 0;
  for (const n of bandCounts.values()) known += n;
  const out = new Map<string, SmrFigure>();
  if (known === 0) return out;
  const bandResidents = new Map<CbsBand, number>(bands.map((b) => [b, 0]));
  for (const residents of input.population.values()) {
    for (const band of bands) bandResidents.set(band, bandResidents.get(band)! + (residents[band] ?? 0));
  }
  const scale = (known + outside) / known;
  const reference = new Map<CbsBand, number>();
  for (const band of bands) {
    const residents = bandResidents.get(band)!;
    reference.set(band, residents > 0 ? (scale * bandCounts.get(band)!) / residents : 0);
  }
  const interval = input.interval ?? ((count: number) => poissonInterval(count));
  for (const [wijk, residents] of input.population) {
    if (!bands.every((b) => residents[b] !== undefined)) continue;
    let expected = 0;
    for (const band of bands) expected += reference.get(band)! * residents[band]!;
    const observed = input.observed.get(wijk);
    if (!(expected > 0) || observed === undefined) continue;
    const { lower, upper } = interval(observed);
    out.set(wijk, { value: observed / expected, lower: lower / expected, upper: upper / expected, expected });
  }
  return out;
}
