import { normalUpperTail } from '@wijksignaal/domain/epi/special-functions/normal-cdf';
import { normalQuantile } from '@wijksignaal/domain/epi/special-functions/normal-quantile';
import { alarmLevel, notEvaluated, type DetectionMethod, type DetectionResult } from './detection-result.ts';
import { windowStats, type WindowStats } from './sample-stats.ts';
import { assertWeeklySeries, type WeeklySeries } from './weekly-series.ts';

/**
 * EARS C1, C2 and C3 (CDC Early Aberration Reporting System) computed exactly as R's
 * `surveillance::earsC` does, so every bound can be checked against R:
 * - C1: baseline = the `baseline` weeks just before the week; bound = mean + z·max(sd, minSigma).
 * - C2: the same with a 2-week guard (baseline ends 3 weeks back).
 * - C3: R's code, not the textbook: bound = y[t] + max(sd_t, minSigma)·(z − max(0, C2[t−1] − 1)
 *   − max(0, C2[t−2] − 1)), floored at 0, where sd_t is the C2 baseline sd of week t. The week's own C2
 *   term cancels, so C3 alarms when the two previous weeks' C2 excesses add up to more than z.
 * z = qnorm(1 − alpha). Alarm: observed > bound. Where R's arithmetic yields NaN (a C3 week whose lagged
 * C2 divides by a zero sd) R reports NA; such a week is returned as not evaluated with that reason.
 *
 * p-value (C1, C2): 1 − Φ((y − mean)/σ), the normal model the bound itself assumes, so alarm ⇔ p < alpha
 * when σ > 0. C3 has no p-value: its statistic (the lagged C2 excess) is not standard normal under the
 * null, so none is claimed; its level comes from the alarm alone.
 */

export type EarsVariant = 'C1' | 'C2' | 'C3';

export interface EarsOptions {
  method: EarsVariant;
  /** Weeks in the baseline; R's default 7, at least 3. */
  baseline?: number;
  /** One-sided error rate; default 0.001 for C1/C2 and 0.025 for C3 (R's defaults). */
  alpha?: number;
  /** Floor for the baseline sd, so a flat baseline does not give a bound equal to its mean. */
  minSigma?: number;
}

export interface EarsResult extends DetectionResult {
  /** Baseline standard deviation (before the minSigma floor); null when not evaluated. */
  sd: number | null;
}

export const EARS_DEFAULT_BASELINE = 7;

export function earsDefaultAlpha(method: EarsVariant): number {
  return method === 'C3' ? 0.025 : 0.001;
}

/** Weeks of history a week needs before the method can judge it. */
export function earsHistoryNeeded(method: EarsVariant, baseline = EARS_DEFAULT_BASELINE): number {
  return method === 'C1' ? baseline : method === 'C2' ? baseline + 2 : baseline + 4;
}

function resolveOptions(options: EarsOptions): Required<EarsOptions> {
  const baseline = options.baseline ?? EARS_DEFAULT_BASELINE;
  const alpha = options.alpha ?? earsDefaultAlpha(options.method);
  const minSigma = options.minSigma ?? 0;
  if (!Number.isInteger(baseline) || baseline < 3)
    throw new RangeError(`EARS baseline must be a whole number ≥ 3, got ${baseline}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`EARS alpha must lie strictly between 0 and 1, got ${alpha}`);
  if (!(minSigma >= 0) || !Number.isFinite(minSigma)) throw new RangeError(`EARS minSigma must be ≥ 0, got ${minSigma}`);
  return { method: options.method, baseline, alpha, minSigma };
}

/** C2 statistic of week i (its baseline ends 3 weeks back); NaN/±Infinity as R gives them. */
function c2Statistic(y: readonly number[], stats: WindowStats, i: number, baseline: number, minSigma: number): number {
  const from = i - baseline - 2;
  return ((y[i] as number) - stats.mean(from, i - 2)) / Math.max(stats.sd(from, i - 2), minSigma);
}

/**
 * `baselineCounts` (one per week of the series, default the counts) is what the method reads wherever it
 * reads history: the baseline mean and sd, and for C3 the two previous weeks' C2 values. The judged week's
 * own count is always the observed one. The pipeline passes it to leave known events out of baselines.
 */
export function earsC(series: WeeklySeries, options: EarsOptions, baselineCounts?: readonly number[]): EarsResult[] {
  assertWeeklySeries(series);
  if (baselineCounts !== undefined && baselineCounts.length !== series.length) {
    throw new RangeError(`EARS baseline counts must have one value per week (${series.length}), got ${baselineCounts.length}`);
  }
  const { method, baseline, alpha, minSigma } = resolveOptions(options);
  const detectionMethod = `ears${method}` as DetectionMethod;
  const params = { baseline, alpha, minSigma, guard: method === 'C1' ? 0 : 2 };
  const z = normalQuantile(1 - alpha);
  const needed = earsHistoryNeeded(method, baseline);
  const y = series.map((p) => p.count);
  const history = baselineCounts ?? y;
  const stats = windowStats(history);
  // Where the baseline starts and ends (exclusive), relative to the evaluated week.
  const startBack = method === 'C1' ? baseline : method === 'C2' ? baseline + 2 : baseline + 4;
  const endBack = method === 'C1' ? 0 : 2;
  const weekAt = (index: number): string => series[index]?.week ?? '';

  const skip = (week: string, observed: number, reason: string): EarsResult =>
    Object.assign(notEvaluated(week, detectionMethod, params, observed, reason), { sd: null });

  return series.map((point, i): EarsResult => {
    if (point.partial) return skip(point.week, point.count, 'the week is still running; its count is not final');
    if (i < needed) return skip(point.week, point.count, `EARS ${method} needs ${needed} earlier weeks; ${i} available`);

    const from = i - (method === 'C1' ? baseline : baseline + 2);
    const to = method === 'C1' ? i : i - 2;
    const mean = stats.mean(from, to);
    const sd = stats.sd(from, to);
    const sigma = Math.max(sd, minSigma);
    const observed = point.count;

    let threshold: number;
    let statistic: number;
    let pValue: number | null = null;
    if (method === 'C3') {
      const lagged =
        Math.max(0, c2Statistic(history, stats, i - 2, baseline, minSigma) - 1) +
        Math.max(0, c2Statistic(history, stats, i - 1, baseline, minSigma) - 1);
      threshold = Math.max(0, observed + sigma * (z - lagged));
      statistic = lagged;
    } else {
      threshold = mean + z * sigma;
      statistic = (observed - mean) / sigma;
      if (sigma > 0) pValue = normalUpperTail(statistic);
    }
    if (Number.isNaN(threshold)) {
      return skip(
        point.week,
        observed,
        'R earsC gives NA here: a C2 baseline without variation (sd 0) makes the lagged C2 undefined; set minSigma > 0',
      );
    }
    const alarm = observed > threshold;
    return {
      week: point.week,
      method: detectionMethod,
      params,
      baselineWindow: { from: weekAt(i - startBack), to: weekAt(i - endBack - 1) },
      observed,
      expected: mean,
      threshold,
      statistic: Number.isFinite(statistic) ? statistic : null,
      pValue,
      alarm,
      level: alarmLevel(pValue, alarm),
      notEvaluatedReason: null,
      sd,
    };
  });
}
