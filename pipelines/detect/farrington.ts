import { centredTime, fitFarringtonModel } from './farrington-model.ts';
import type { FarringtonModelInput } from './farrington-model.ts';
import { validateFarringtonOptions } from './farrington-options.ts';
import type { FarringtonOptions } from './farrington-options.ts';
import { referenceWindow, referenceWindowStart } from './farrington-reference-window.ts';
import type { ReferenceWindow, ReferenceWindowOptions } from './farrington-reference-window.ts';
import { farringtonThreshold } from './farrington-threshold.ts';
import { GlmWorkspace } from './glm-workspace.ts';

export { FARRINGTON_NOUFAILY, FARRINGTON_ORIGINAL } from './farrington-options.ts';
export type { FarringtonOptions } from './farrington-options.ts';

/**
 * Farrington flexible outbreak detection on one weekly count series, number for number as
 * `surveillance::farringtonFlexible` (1.20.3) computes it on a positional `sts` (weeks counted, not dated).
 * Pure: no I/O, never throws on a valid series — weeks it cannot judge come back with a reason.
 */

export interface FarringtonWeek {
  /** 0-based index into the series. */
  index: number;
  observed: number;
  /** Model prediction μ₀ (R's control$expected is the same number, but NA when limit54 is not met). */
  expected: number | null;
  /** R's upperbound: null when the week was not evaluated or limit54 was not met. */
  upperbound: number | null;
  /** The bound the model gives regardless of limit54. */
  threshold: number | null;
  alarm: boolean;
  /** R's exceedance score (y − prediction)/(upper − prediction). */
  score: number | null;
  /** One-sided p-value of the observed count under the model's predictive distribution. */
  pValue: number | null;
  /** Whether the limit54 rule allowed an alarm this week. */
  enoughCases: boolean;
  trendUsed: boolean;
  /** Log-scale slope per week, when the trend was kept. */
  trendCoefficient: number | null;
  phi: number | null;
  /** First and last index of the weeks the model was fitted on. */
  baseline: { from: number; to: number } | null;
  notEvaluatedReason: string | null;
}

export type FarringtonRunOptions = FarringtonOptions & {
  /** 0-based indices of the weeks to evaluate. */
  range: readonly number[];
  /**
   * Fit the model even in weeks where limit54 rules out an alarm, to report expected value, score and
   * p-value there too. Off by default: R's upperbound, alarm and expected are NA/FALSE in those weeks
   * anyway, and skipping the fit is what keeps thousands of sparse wijk series fast.
   */
  fitBelowLimit54?: boolean;
  /**
   * What the model reads as the reference weeks' counts (one per week, default `observed`): the pipeline
   * passes a known event's weeks at their expected count so the event does not raise later baselines. The
   * judged week's own count and limit54 always read `observed`.
   */
  baselineCounts?: readonly number[];
};

/** Throws the one-line message a caller can show when the counts cannot be case counts. */
export function assertCounts(observed: readonly number[]): void {
  for (let i = 0; i < observed.length; i++) {
    const value = observed[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`observed[${i}] must be a whole number ≥ 0, got ${String(value)}`);
    }
  }
}

/** A week without model output: not evaluated (with the reason) or judged quiet by limit54 alone (null). */
function weekWithoutModel(index: number, observed: number, reason: string | null): FarringtonWeek {
  return {
    index,
    observed,
    expected: null,
    upperbound: null,
    threshold: null,
    alarm: false,
    score: null,
    pValue: null,
    enoughCases: false,
    trendUsed: false,
    trendCoefficient: null,
    phi: null,
    baseline: null,
    notEvaluatedReason: reason,
  };
}

/**
 * The model input of a week without its counts: R's as.factor keeps only the levels present, smallest as
 * reference. Relative to the judged week k the window is the same for every k whose window fits the
 * series (`referenceWindowStart(k) ≥ 0`, the only weeks fitted), so one shape serves a whole run.
 */
interface WindowShape {
  /** Each reference week's index minus k, oldest first. */
  offsets: Int32Array;
  /** The model's centred time column and the judged week on it (`centredTime` of the offsets). */
  centredTime: Float64Array;
  t0: number;
  level: Int32Array | null;
  levels: number;
  currentLevel: number;
}

/** Null when the judged week's own level has no reference weeks (the model cannot predict it). */
function windowShape(k: number, window: ReferenceWindow, noPeriods: number): WindowShape | null {
  const rows = window.indices.length;
  const offsets = new Int32Array(rows);
  for (let i = 0; i < rows; i++) offsets[i] = (window.indices[i] as number) - k;
  const time = centredTime(offsets);
  if (noPeriods === 1) return { offsets, ...time, level: null, levels: 1, currentLevel: 0 };
  const present = new Int32Array(noPeriods + 1).fill(-1);
  for (let i = 0; i < rows; i++) present[window.levels[i] as number] = 1;
  let levels = 0;
  for (let l = 1; l <= noPeriods; l++) if (present[l] === 1) present[l] = levels++;
  const currentLevel = present[noPeriods] as number;
  if (currentLevel < 0) return null;
  const level = new Int32Array(rows);
  for (let i = 0; i < rows; i++) level[i] = present[window.levels[i] as number] as number;
  return { offsets, ...time, level, levels, currentLevel };
}

const shapes = new Map<string, WindowShape | null>();

function cachedShape(k: number, options: ReferenceWindowOptions): WindowShape | null {
  const key = `${options.b} ${options.w} ${options.noPeriods} ${options.pastWeeksNotIncluded} ${options.frequency}`;
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = windowShape(k, referenceWindow(k, options), options.noPeriods);
    shapes.set(key, shape);
  }
  return shape;
}

function enoughCases(observed: readonly number[], k: number, limit54: readonly [number, number]): boolean {
  const [minCases, weeks] = limit54;
  let recent = 0;
  for (let t = Math.max(0, k - weeks + 1); t <= k; t++) recent += observed[t] as number;
  return recent >= minCases;
}

interface RunContext {
  options: FarringtonRunOptions;
  /** The reference weeks' counts: `baselineCounts`, or the observed counts. */
  history: readonly number[];
  window: ReferenceWindowOptions;
  workspace: GlmWorkspace;
  /** The reference weeks' counts of the week being fitted (one buffer for the run). */
  response: Float64Array;
}

function evaluateWeek(observed: readonly number[], k: number, context: RunContext): FarringtonWeek {
  const { options, window: windowOptions, workspace } = context;
  const y = observed[k] as number;
  const needed = options.frequency * options.b + options.w;
  if (referenceWindowStart(k, windowOptions) < 0) {
    return weekWithoutModel(
      k,
      y,
      `history does not reach back b = ${options.b} years plus w = ${options.w} weeks: needs ${needed} earlier weeks, has ${k}`,
    );
  }
  const casesEnough = enoughCases(observed, k, options.limit54);
  if (!casesEnough && options.fitBelowLimit54 !== true) {
    return weekWithoutModel(k, y, null);
  }
  const shape = cachedShape(k, windowOptions);
  if (shape === null || shape.offsets.length === 0) {
    return weekWithoutModel(k, y, 'pastWeeksNotIncluded leaves no reference window to fit the baseline on');
  }
  const { offsets } = shape;
  const rows = offsets.length;
  if (context.response.length !== rows) context.response = new Float64Array(rows);
  const response = context.response;
  for (let i = 0; i < rows; i++) response[i] = context.history[k + (offsets[i] as number)] as number;
  const input: FarringtonModelInput = {
    response,
    centredTime: shape.centredTime,
    t0: shape.t0,
    level: shape.level,
    levels: shape.levels,
    currentLevel: shape.currentLevel,
  };
  const model = fitFarringtonModel(input, options, workspace);
  if (model === null) {
    return weekWithoutModel(k, y, 'the baseline model did not converge, with or without a time trend');
  }
  const { upper, pValue, score } = farringtonThreshold(
    { eta: model.eta, seEta: model.seEta, phi: model.phi, alpha: options.alpha, observed: y },
    options.thresholdMethod,
    options.powertrans,
  );
  if (!Number.isFinite(upper)) {
    return weekWithoutModel(k, y, 'the baseline model gave no finite upper bound (too few baseline weeks for its parameters)');
  }
  return {
    index: k,
    observed: y,
    expected: Math.max(Math.exp(model.eta), Number.EPSILON),
    upperbound: casesEnough ? upper : null,
    threshold: upper,
    alarm: casesEnough && score > 1 && y !== 0,
    score,
    pValue,
    enoughCases: casesEnough,
    trendUsed: model.trendUsed,
    trendCoefficient: model.trendCoefficient,
    phi: model.phi,
    baseline: { from: k + (offsets[0] as number), to: k + (offsets[rows - 1] as number) },
    notEvaluatedReason: null,
  };
}

export function farringtonFlexible(observed: readonly number[], options: FarringtonRunOptions): FarringtonWeek[] {
  assertCounts(observed);
  validateFarringtonOptions(options);
  const history = options.baselineCounts ?? observed;
  if (history.length !== observed.length) {
    throw new Error(`baseline counts must have one value per week (${observed.length}), got ${history.length}`);
  }
  const weeks: FarringtonWeek[] = [];
  const context: RunContext = {
    options,
    history,
    window: { ...options, pastWeeksNotIncluded: options.pastWeeksNotIncluded ?? options.w },
    workspace: new GlmWorkspace(),
    response: new Float64Array(0),
  };
  for (const k of options.range) {
    if (!Number.isInteger(k) || k < 0 || k >= observed.length) {
      throw new Error(`range index ${String(k)} lies outside the series (0 … ${observed.length - 1})`);
    }
    weeks.push(evaluateWeek(observed, k, context));
  }
  return weeks;
}
