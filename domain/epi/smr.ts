import { DEFAULT_LEVEL } from './confidence-level.ts';
import { poissonInterval, type PoissonIntervalMethod } from './poisson-interval.ts';

/**
 * Indirect standardisation: how many events an area would have had at the reference age-specific rates
 * (expected), and the standardised ratio observed / expected with its interval (exact below 10 observed
 * events, Byar from 10, the interval of the observed count divided by expected — as PHEindicatormethods'
 * ISRatio). Lets wijken with young and old populations be compared fairly.
 */

export interface AgeBandCount {
  area: string;
  band: string;
  observed: number;
  population: number;
}

export interface SmrResult {
  area: string;
  observed: number;
  expected: number;
  smr: number;
  lower: number;
  upper: number;
  method: PoissonIntervalMethod;
}

export interface SmrOptions {
  level?: number;
  /** Events per resident per age band; default: the pooled rates of all areas given (the region). */
  referenceRates?: ReadonlyMap<string, number>;
}

/** Pooled age-specific rates Σ observed / Σ population per band. */
export function pooledBandRates(rows: readonly AgeBandCount[]): Map<string, number> {
  const totals = new Map<string, { observed: number; population: number }>();
  for (const row of rows) {
    const total = totals.get(row.band) ?? { observed: 0, population: 0 };
    total.observed += row.observed;
    total.population += row.population;
    totals.set(row.band, total);
  }
  const rates = new Map<string, number>();
  for (const [band, total] of totals) rates.set(band, total.population > 0 ? total.observed / total.population : 0);
  return rates;
}

function assertRow(row: AgeBandCount): void {
  if (!(row.observed >= 0) || !Number.isFinite(row.observed)) {
    throw new RangeError(`observed count for ${row.area} ${row.band} must be ≥ 0, got ${row.observed}`);
  }
  if (!(row.population >= 0) || !Number.isFinite(row.population)) {
    throw new RangeError(`population for ${row.area} ${row.band} must be ≥ 0, got ${row.population}`);
  }
}

export function indirectlyStandardisedRatios(rows: readonly AgeBandCount[], options: SmrOptions = {}): SmrResult[] {
  rows.forEach(assertRow);
  const reference = options.referenceRates ?? pooledBandRates(rows);
  const level = options.level ?? DEFAULT_LEVEL;

  const byArea = new Map<string, { observed: number; expected: number }>();
  for (const row of rows) {
    const rate = reference.get(row.band);
    if (rate === undefined) throw new RangeError(`no reference rate for age band ${row.band}`);
    const area = byArea.get(row.area) ?? { observed: 0, expected: 0 };
    area.observed += row.observed;
    area.expected += rate * row.population;
    byArea.set(row.area, area);
  }

  const results: SmrResult[] = [];
  for (const [area, { observed, expected }] of byArea) {
    if (!(expected > 0)) throw new RangeError(`expected count for ${area} is 0: the reference rates give no events here`);
    const interval = poissonInterval(observed, level);
    results.push({
      area,
      observed,
      expected,
      smr: observed / expected,
      lower: interval.lower / expected,
      upper: interval.upper / expected,
      method: interval.method,
    });
  }
  return results;
}
