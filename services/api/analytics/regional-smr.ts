import { CBS_BAND_OF, THEME_POPULATION, type CbsBand } from '@wijksignaal/contracts/population';
import type { AgeBand, Theme } from '@wijksignaal/contracts/signal';
import { memoPoissonInterval } from './memo-poisson-interval.ts';

export interface SmrFigure {
  value: number;
  lower: number;
  upper: number;
  expected: number;
}

/**
 * How signals without a usable age enter the SMR (said in every overview response). Excluding them would
 * make every SMR too low wherever partners often leave the age out; they are kept in each wijk's observed
 * count and the region's band rates are scaled up by the same share, so the region as a whole has SMR 1.
 * The pipeline's priority score does the same.
 */
export const SMR_UNKNOWN_AGE =
  'signals without a known age (or outside the theme bands) count as observed; the regional band rates are scaled up by their share, so the region has SMR 1';

const OUTSIDE = 'outside';

function bandOf(theme: Theme, ageBand: string): string {
  const band = CBS_BAND_OF[ageBand as AgeBand] ?? null;
  return band !== null && THEME_POPULATION[theme].bands.includes(band) ? band : OUTSIDE;
}

/**
 * Indirect standardisation of a theme's period counts against the whole region: reference rates per CBS
 * band are the pooled rates of the wijken whose theme bands are all known (the region). Wijken without a
 * complete age mix, or where the reference gives no expected events, get no SMR. Pure; one pass over the
 * grouped counts, so the national overview stays one query plus arithmetic.
 */
export function regionalSmrs(
  theme: Theme,
  counts: readonly { wijk: string; ageBand: string; n: number }[],
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>,
  interval = memoPoissonInterval(),
): Map<string, SmrFigure> {
  const bands = THEME_POPULATION[theme].bands;
  const region = new Map<string, Partial<Record<CbsBand, number>>>();
  for (const [wijk, residents] of population) if (bands.every((b) => residents[b] !== undefined)) region.set(wijk, residents);

  const observed = new Map<string, Map<string, number>>();
  for (const c of counts) {
    if (!region.has(c.wijk)) continue;
    const byBand = observed.get(c.wijk) ?? new Map<string, number>();
    const band = bandOf(theme, c.ageBand);
    byBand.set(band, (byBand.get(band) ?? 0) + c.n);
    observed.set(c.wijk, byBand);
  }
  const bandTotals = new Map<string, { observed: number; population: number }>(
    bands.map((b) => [b, { observed: 0, population: 0 }]),
  );
  let outside = 0;
  for (const [wijk, residents] of region) {
    const byBand = observed.get(wijk);
    for (const band of bands) {
      const t = bandTotals.get(band)!;
      t.observed += byBand?.get(band) ?? 0;
      t.population += residents[band] ?? 0;
    }
    outside += byBand?.get(OUTSIDE) ?? 0;
  }
  let known = 0;
  for (const t of bandTotals.values()) known += t.observed;
  const out = new Map<string, SmrFigure>();
  if (known === 0) return out;
  const scale = (known + outside) / known;
  const reference = new Map<string, number>([[OUTSIDE, 0]]);
  for (const [band, t] of bandTotals) reference.set(band, t.population > 0 ? (scale * t.observed) / t.population : 0);

  // As domain/epi/smr.ts (PHEindicatormethods' ISRatio): the interval of the observed count over expected.
  for (const [wijk, residents] of region) {
    let expected = 0;
    for (const band of bands) expected += (reference.get(band) ?? 0) * (residents[band] ?? 0);
    if (!(expected > 0)) continue;
    let total = 0;
    for (const n of observed.get(wijk)?.values() ?? []) total += n;
    const { lower, upper } = interval(total);
    out.set(wijk, { value: total / expected, lower: lower / expected, upper: upper / expected, expected });
  }
  return out;
}
