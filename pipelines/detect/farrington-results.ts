import { alarmLevel, notEvaluated } from './detection-result.ts';
import type { DetectionParams, DetectionResult } from './detection-result.ts';
import { FARRINGTON_NOUFAILY } from './farrington-options.ts';
import type { FarringtonOptions } from './farrington-options.ts';
import { farringtonFlexible } from './farrington.ts';
import { assertWeeklySeries } from './weekly-series.ts';
import type { WeeklySeries } from './weekly-series.ts';

/**
 * Farrington over a zero-filled weekly series, in the shape every detector returns. The running week is
 * shown but never judged. When limit54 blocks an alarm (fewer than 5 cases in 4 weeks) the level stays
 * "none" even if the p-value is small: a handful of cases is not a signal, which is the point of the rule.
 */
export function farringtonResults(
  series: WeeklySeries,
  options: FarringtonOptions = FARRINGTON_NOUFAILY,
  /** Results for the weeks from this index on only; the earlier ones are history the model reads. */
  fromIndex = 0,
  /** The reference weeks' counts (one per week of the series; see `FarringtonRunOptions.baselineCounts`). */
  baselineCounts?: readonly number[],
): DetectionResult[] {
  assertWeeklySeries(series);
  const params: DetectionParams = { ...options, pastWeeksNotIncluded: options.pastWeeksNotIncluded ?? options.w };
  const range: number[] = [];
  for (let i = Math.max(0, fromIndex); i < series.length; i++) if (!(series[i] as WeeklySeries[number]).partial) range.push(i);
  const weeks = farringtonFlexible(
    series.map((p) => p.count),
    { ...options, range, baselineCounts },
  );
  const byIndex = new Map(weeks.map((w) => [w.index, w]));

  return series.slice(Math.max(0, fromIndex)).map((point, offset) => {
    const i = offset + Math.max(0, fromIndex);
    const week = byIndex.get(i);
    if (week === undefined) {
      return notEvaluated(point.week, 'farrington', params, point.count, 'the week is still running');
    }
    if (week.notEvaluatedReason !== null) {
      return notEvaluated(point.week, 'farrington', params, point.count, week.notEvaluatedReason);
    }
    const baseline = week.baseline;
    const from = baseline === null ? undefined : series[baseline.from];
    const to = baseline === null ? undefined : series[baseline.to];
    return {
      week: point.week,
      method: 'farrington',
      params,
      baselineWindow: from && to ? { from: from.week, to: to.week } : null,
      observed: week.observed,
      expected: week.expected,
      threshold: week.upperbound,
      statistic: week.score,
      pValue: week.pValue,
      alarm: week.alarm,
      level: week.enoughCases ? alarmLevel(week.pValue, week.alarm) : 'none',
      notEvaluatedReason: null,
    };
  });
}
