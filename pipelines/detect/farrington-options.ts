import type { PowerTransform, ThresholdMethod } from './farrington-threshold.ts';

/**
 * Settings of the Farrington detector, named as in `surveillance::farringtonFlexible` so an analyst can
 * rerun a week in R with the same control list. `populationOffset` is not offered: the weekly counts are
 * compared with their own history, and the population of a wijk barely moves within b years.
 */
export interface FarringtonOptions {
  /** Years to look back. */
  b: number;
  /** Half-width of the window around each reference week. */
  w: number;
  /** Weeks per year of the positional series (R's `freq`). */
  frequency: number;
  reweight: boolean;
  weightsThreshold: number;
  /** One-sided. */
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  /** No alarm unless at least limit54[0] cases fell in the last limit54[1] weeks (current week included). */
  limit54: readonly [cases: number, weeks: number];
  powertrans: PowerTransform;
  noPeriods: number;
  /** null means w, R's default. */
  pastWeeksNotIncluded: number | null;
  thresholdMethod: ThresholdMethod;
}

/** Farrington et al. (1996) as the golden oracle runs it. */
export const FARRINGTON_ORIGINAL: Readonly<FarringtonOptions> = Object.freeze({
  b: 3,
  w: 3,
  frequency: 52,
  reweight: true,
  weightsThreshold: 1,
  alpha: 0.01,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: [5, 4] as const,
  powertrans: '2/3',
  noPeriods: 1,
  pastWeeksNotIncluded: null,
  thresholdMethod: 'delta',
});

/** Noufaily et al. (2012) improvements: seasonal blocks, 26-week gap, robust reweighting, NB quantile. */
export const FARRINGTON_NOUFAILY: Readonly<FarringtonOptions> = Object.freeze({
  b: 3,
  w: 3,
  frequency: 52,
  reweight: true,
  weightsThreshold: 2.58,
  alpha: 0.01,
  trend: true,
  pThresholdTrend: 1,
  limit54: [5, 4] as const,
  powertrans: '2/3',
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  thresholdMethod: 'nbPlugin',
});

function wholeAtLeast(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`farrington option ${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  }
}

/** Rejects settings R would refuse or silently mangle, with one line saying which option to change. */
export function validateFarringtonOptions(options: FarringtonOptions): void {
  wholeAtLeast('b', options.b, 1);
  wholeAtLeast('w', options.w, 0);
  wholeAtLeast('frequency', options.frequency, 2 * options.w + 2);
  wholeAtLeast('noPeriods', options.noPeriods, 1);
  wholeAtLeast('limit54[0] (cases)', options.limit54[0], 0);
  wholeAtLeast('limit54[1] (weeks)', options.limit54[1], 1);
  if (options.pastWeeksNotIncluded !== null) wholeAtLeast('pastWeeksNotIncluded', options.pastWeeksNotIncluded, 0);
  const between = options.frequency - 2 * options.w - 1;
  if (options.noPeriods > 1 && options.noPeriods - 1 > between) {
    throw new Error(
      `farrington option noPeriods ${options.noPeriods} is too big: only ${between} weeks lie between two reference windows`,
    );
  }
  if (!(options.alpha > 0 && options.alpha < 0.5)) {
    throw new Error(`farrington option alpha must lie strictly between 0 and 0.5 (one-sided), got ${String(options.alpha)}`);
  }
  if (!Number.isFinite(options.weightsThreshold)) throw new Error('farrington option weightsThreshold must be a finite number');
  if (!Number.isFinite(options.pThresholdTrend)) throw new Error('farrington option pThresholdTrend must be a finite number');
  if (!['2/3', '1/2', 'none'].includes(options.powertrans)) {
    throw new Error(`farrington option powertrans must be "2/3", "1/2" or "none", got ${String(options.powertrans)}`);
  }
  if (!['delta', 'nbPlugin', 'muan'].includes(options.thresholdMethod)) {
    throw new Error(`farrington option thresholdMethod must be delta, nbPlugin or muan, got ${String(options.thresholdMethod)}`);
  }
}
