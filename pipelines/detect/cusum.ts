import { isoWeeksBetween, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { alarmLevel, notEvaluated, type DetectionParams, type DetectionResult } from './detection-result.ts';
import { meanOf } from './sample-stats.ts';
import { fitPoissonGlm, predictPoissonGlm } from './poisson-glm.ts';
import { assertWeeklySeries, type WeeklySeries } from './weekly-series.ts';

/**
 * Poisson CUSUM as R's `surveillance::algo.cusum` computes it (Rossi et al. 1999):
 * the weeks before `evaluateFrom` train the expected count m (their mean, a fixed number, or a Poisson GLM
 * with one yearly harmonic, `x ~ 1 + cos(2πt/52) + sin(2πt/52)`); each evaluated week is standardised —
 * `standard`: (x − m)/√m, `rossi`: (x − 3m + 2√(xm))/(2√m) — and S_t = max(0, S_{t−1} + z_t − k);
 * alarm when S_t ≥ h, and with `reset` S_t restarts at 0 after an alarm (surveillance ≥ 1.25).
 * The upper bound is the count that would have made S_t reach h, back-transformed as R does (`standard`
 * rounds it up to a whole count). CUSUM gives no p-value; the level follows the alarm.
 */

export type CusumTransform = 'standard' | 'rossi';

export interface CusumOptions {
  k?: number;
  h?: number;
  /** 'mean' of the training weeks (R's default), 'glm' (seasonal Poisson GLM), or a fixed expected count. */
  m?: 'mean' | 'glm' | number;
  trans?: CusumTransform;
  /** Restart the sum after an alarm; the product default, because a drifting sum otherwise alarms for weeks. */
  reset?: boolean;
  /** First week evaluated; earlier weeks train m. Default: the week after the first `trainingWeeks`. */
  evaluateFrom?: IsoWeek;
  trainingWeeks?: number;
  /** Weeks per seasonal cycle in the GLM (R: the series frequency). */
  period?: number;
}

export const CUSUM_DEFAULTS = { k: 1.04, h: 2.26, trainingWeeks: 52, period: 52 } as const;

function expectedCounts(training: readonly number[], evaluatedCount: number, m: CusumOptions['m'], period: number): number[] {
  if (typeof m === 'number') return new Array<number>(evaluatedCount).fill(m);
  if (m === 'glm') {
    // Only the phase of t enters through cos/sin, so positional indices reproduce R for any start week.
    const row = (t: number): number[] => [1, Math.cos((2 * Math.PI * t) / period), Math.sin((2 * Math.PI * t) / period)];
    const fit = fitPoissonGlm(
      training,
      training.map((_, i) => row(i + 1)),
    );
    return Array.from({ length: evaluatedCount }, (_, j) => predictPoissonGlm(fit, row(training.length + j + 1)));
  }
  return new Array<number>(evaluatedCount).fill(meanOf(training));
}

export function standardise(x: number, m: number, trans: CusumTransform): number {
  return trans === 'rossi' ? (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m)) : (x - m) / Math.sqrt(m);
}

/** The count that would lift S from `previous` to exactly h (R's back-transformation), floored at 0. */
export function upperBound(m: number, previous: number, k: number, h: number, trans: CusumTransform): number {
  const bound =
    trans === 'rossi'
      ? 2 * h * Math.sqrt(m) +
        2 * k * Math.sqrt(m) -
        2 * previous * Math.sqrt(m) +
        5 * m -
        2 * Math.sqrt(4 * m * m + 2 * Math.pow(m, 1.5) * h + 2 * Math.pow(m, 1.5) * k - 2 * Math.pow(m, 1.5) * previous)
      : Math.ceil(Math.sqrt(m) * (h + k - previous) + m);
  return Number.isNaN(bound) || bound < 0 ? 0 : bound;
}

function resolve(options: CusumOptions) {
  const k = options.k ?? CUSUM_DEFAULTS.k;
  const h = options.h ?? CUSUM_DEFAULTS.h;
  const m = options.m ?? 'mean';
  const trans = options.trans ?? 'standard';
  const reset = options.reset ?? true;
  const period = options.period ?? CUSUM_DEFAULTS.period;
  const trainingWeeks = options.trainingWeeks ?? CUSUM_DEFAULTS.trainingWeeks;
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`CUSUM k must be ≥ 0, got ${k}`);
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`CUSUM h must be > 0, got ${h}`);
  if (typeof m === 'number' && !(m > 0 && Number.isFinite(m))) throw new RangeError(`CUSUM m must be > 0, got ${m}`);
  if (trans !== 'standard' && trans !== 'rossi')
    throw new RangeError(`CUSUM trans must be standard or rossi, got ${String(trans)}`);
  if (!Number.isInteger(trainingWeeks) || trainingWeeks < 1)
    throw new RangeError(`CUSUM trainingWeeks must be ≥ 1, got ${trainingWeeks}`);
  if (!(period > 0)) throw new RangeError(`CUSUM period must be > 0, got ${period}`);
  return { k, h, m, trans, reset, period, trainingWeeks };
}

export function cusum(series: WeeklySeries, options: CusumOptions = {}): DetectionResult[] {
  assertWeeklySeries(series);
  const { k, h, m, trans, reset, period, trainingWeeks } = resolve(options);
  const first = series[0];
  let start = Math.min(trainingWeeks, series.length);
  if (options.evaluateFrom !== undefined && first) start = Math.max(0, isoWeeksBetween(first.week, options.evaluateFrom));
  // The running week is never evaluated and never trains the model.
  const end = series.findIndex((p) => p.partial);
  const stop = end === -1 ? series.length : end;
  const params: DetectionParams = { k, h, m, trans, reset, evaluateFrom: series[start]?.week ?? null, period };

  const training = series.slice(0, Math.min(start, stop)).map((p) => p.count);
  const minTraining = m === 'glm' ? 3 : typeof m === 'number' ? 0 : 1;
  const trainingProblem =
    training.length < minTraining
      ? `CUSUM needs at least ${minTraining} training week(s) before ${series[start]?.week ?? 'the range'}; ${training.length} available`
      : typeof m !== 'number' && training.every((v) => v === 0)
        ? 'CUSUM cannot standardise: the training weeks hold no cases, so the expected count is 0'
        : null;
  const results: DetectionResult[] = series.map((p, i) =>
    notEvaluated(
      p.week,
      'cusum',
      params,
      p.count,
      p.partial
        ? 'the week is still running; its count is not final'
        : i < start
          ? 'training week for the CUSUM expected count'
          : (trainingProblem ?? 'not evaluated'),
    ),
  );
  if (trainingProblem !== null || start >= stop) return results;

  const expected = expectedCounts(training, stop - start, m, period);
  const baselineWindow = training.length > 0 ? { from: series[0]!.week, to: series[start - 1]!.week } : null;
  let previous = 0;
  for (let i = start; i < stop; i++) {
    const point = series[i]!;
    const mi = expected[i - start]!;
    const threshold = upperBound(mi, previous, k, h, trans);
    let sum = Math.max(0, previous + standardise(point.count, mi, trans) - k);
    const alarm = sum >= h;
    if (reset && alarm) sum = 0;
    results[i] = {
      week: point.week,
      method: 'cusum',
      params,
      baselineWindow,
      observed: point.count,
      expected: mi,
      threshold,
      statistic: sum,
      pValue: null,
      alarm,
      level: alarmLevel(null, alarm),
      notEvaluatedReason: null,
    };
    previous = sum;
  }
  return results;
}
