import { DEFAULT_LEVEL } from './confidence-level.ts';
import { poissonInterval, type PoissonIntervalMethod } from './poisson-interval.ts';

/** A rate per 1,000 residents with its Poisson interval (exact below 10 events, Byar from 10). */
export interface RateWithInterval {
  rate: number;
  lower: number;
  upper: number;
  method: PoissonIntervalMethod;
}

export interface RateOptions {
  level?: number;
  /** Residents per unit of the rate; 1,000 unless a report asks for per 10,000. */
  perResidents?: number;
}

export function ratePer1000(count: number, population: number, options: RateOptions = {}): RateWithInterval {
  const perResidents = options.perResidents ?? 1000;
  if (!(population > 0) || !Number.isFinite(population)) {
    throw new RangeError(`population must be a positive number to compute a rate, got ${population}`);
  }
  const interval = poissonInterval(count, options.level ?? DEFAULT_LEVEL);
  const scale = perResidents / population;
  return {
    rate: count * scale,
    lower: interval.lower * scale,
    upper: interval.upper * scale,
    method: interval.method,
  };
}
