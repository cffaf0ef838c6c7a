import { isoWeeksBetween } from '@wijksignaal/contracts/iso-week';
import { LIVE_CUSUM } from '@wijksignaal/domain/detection/method-choice';
import { periodOf } from '@wijksignaal/domain/published/period-grid';
import { cusum } from './cusum.ts';
import { notEvaluated, type DetectionResult } from './detection-result.ts';
import type { WeeklySeries } from './weekly-series.ts';

/**
 * CUSUM as the live chain runs it (`LIVE_CUSUM`): one run of R's `algo.cusum` (reset after an alarm) per
 * quarter of the period grid, trained on the weeks before the quarter. The R equivalent of a quarter is
 * `algo.cusum(sts[training weeks + quarter weeks], control = list(range = quarter, k, h, reset = TRUE))`.
 * A quarter with fewer than `minTrainingWeeks` complete weeks before it is not evaluated, with the reason.
 * Weeks a quarter's training reaches must be in `series`: the caller hands it at least the quarter's weeks
 * and `trainingWeeks` before them.
 */

/** How many weeks before a kept week CUSUM may read: the rest of its quarter and the training weeks. */
export const LIVE_CUSUM_LOOKBACK = 13 + LIVE_CUSUM.trainingWeeks;

export function liveCusum(series: WeeklySeries): DetectionResult[] {
  const results: DetectionResult[] = [];
  const first = series[0];
  if (first === undefined) return results;
  let i = 0;
  while (i < series.length) {
    const quarter = periodOf('quarter', series[i]!.week);
    const runEnd = Math.min(series.length, i + isoWeeksBetween(series[i]!.week, quarter.to) + 1);
    const start = isoWeeksBetween(first.week, quarter.from);
    const trainingFrom = Math.max(0, start - LIVE_CUSUM.trainingWeeks);
    const training = Math.max(0, start - trainingFrom);
    if (training < LIVE_CUSUM.minTrainingWeeks) {
      const reason = `CUSUM trains on the ${LIVE_CUSUM.trainingWeeks} weeks before ${quarter.label} (from ${quarter.from}); ${training} available, at least ${LIVE_CUSUM.minTrainingWeeks} needed`;
      const params = { k: LIVE_CUSUM.k, h: LIVE_CUSUM.h, trainingWeeks: LIVE_CUSUM.trainingWeeks, evaluateFrom: quarter.from };
      for (; i < runEnd; i++) results.push(notEvaluated(series[i]!.week, 'cusum', params, series[i]!.count, reason));
      continue;
    }
    const run = cusum(series.slice(trainingFrom, runEnd), {
      k: LIVE_CUSUM.k,
      h: LIVE_CUSUM.h,
      m: 'mean',
      trans: 'standard',
      reset: true,
      evaluateFrom: quarter.from,
    });
    // The training length joins R's own parameters, so the stored row says how to rerun the quarter.
    const params = { ...run[0]!.params, trainingWeeks: training };
    for (let j = i - trainingFrom; j < run.length; j++) results.push({ ...run[j]!, params });
    i = runEnd;
  }
  return results;
}
