import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { DetectionMethodName } from '@wijksignaal/domain/detection/method-choice';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';

/**
 * The one shape every aberration-detection method returns, one per week of the series, so the pipeline,
 * the snapshot `alarms` table, the API and the analyst CLI never need to know which method ran.
 */

export type DetectionMethod = DetectionMethodName;

/** Parameters exactly as the method used them, so an epidemiologist can rerun the week in R. */
export type DetectionParamValue = number | string | boolean | null | readonly number[] | readonly string[];
export type DetectionParams = Readonly<Record<string, DetectionParamValue>>;

/** First and last week (both included) of the history the expected value was estimated from. */
export interface BaselineWindow {
  from: IsoWeek;
  to: IsoWeek;
}

export interface DetectionResult {
  week: IsoWeek;
  method: DetectionMethod;
  params: DetectionParams;
  baselineWindow: BaselineWindow | null;
  observed: number;
  /** Baseline mean / model prediction; null when the week was not evaluated or the method has none. */
  expected: number | null;
  /** Upper bound in count units: an observed count above it raises the alarm. */
  threshold: number | null;
  /** Method-specific statistic (EARS C value, CUSUM S, Farrington score). */
  statistic: number | null;
  /** One-sided p-value of the observed count under the method's own model, when it has one. */
  pValue: number | null;
  alarm: boolean;
  level: AlarmLevel;
  /** Why the week was not evaluated (partial week, too little history, …); null when it was. */
  notEvaluatedReason: string | null;
}

/** p-value cut-offs for the alert levels (DESIGN.md §5). */
export const RED_P = 0.01;
export const AMBER_P = 0.05;

/**
 * red when p < 0.01; amber when p < 0.05 or the method raised its own alarm without a smaller p-value
 * (an alarm is never shown as "none"); otherwise none.
 */
export function alarmLevel(pValue: number | null, alarm: boolean): AlarmLevel {
  if (pValue !== null && Number.isFinite(pValue) && pValue < RED_P) return 'red';
  if (alarm) return 'amber';
  if (pValue !== null && Number.isFinite(pValue) && pValue < AMBER_P) return 'amber';
  return 'none';
}

/** A week the method could not judge, carrying the reason so the dashboard can say why. */
export function notEvaluated(
  week: IsoWeek,
  method: DetectionMethod,
  params: DetectionParams,
  observed: number,
  reason: string,
): DetectionResult {
  return {
    week,
    method,
    params,
    baselineWindow: null,
    observed,
    expected: null,
    threshold: null,
    statistic: null,
    pValue: null,
    alarm: false,
    level: 'none',
    notEvaluatedReason: reason,
  };
}
