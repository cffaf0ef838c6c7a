import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { LIVE_CUSUM } from '@wijksignaal/domain/detection/method-choice';
import { periodOf } from '@wijksignaal/domain/published/period-grid';
import { standardise, upperBound } from './cusum.ts';
import { meanOf } from './sample-stats.ts';
import { alarmLevel, notEvaluated, type DetectionParams, type DetectionResult } from './detection-result.ts';
import type { WeeklySeries } from './weekly-series.ts';

/**
 * CUSUM as the live chain runs it (`LIVE_CUSUM`): one run of R's `algo.cusum` (standard transform, m the
 * mean of the training weeks, reset after an alarm) per quarter of the period grid, trained on the weeks
 * before the quarter. The R equivalent of a quarter is
 * `algo.cusum(sts[training weeks + quarter weeks], control = list(range = quarter, k, h, reset = TRUE))`,
 * and a unit test holds each quarter to `cusum()` (the golden-tested port) on exactly that slice. This loop
 * is the same recursion without `cusum()`'s per-call checks and ISO-week arithmetic, which made it a
 * tenth of a national run; quarters start where a week label says week 1, 14, 27 or 40.
 * A quarter with fewer than `minTrainingWeeks` complete weeks before it is not evaluated, with the reason.
 * The series must be zero-filled (as the pipeline's are) and reach `LIVE_CUSUM_LOOKBACK` weeks before the
 * first week wanted; quarters that end before `from` are skipped (their weeks get no result).
 */

/** How many weeks before a kept week CUSUM may read: the rest of its quarter and the training weeks. */
export const LIVE_CUSUM_LOOKBACK = 13 + LIVE_CUSUM.trainingWeeks;

const QUARTER_FIRST_WEEKS = new Set([1, 14, 27, 40]);
const RUNNING = 'the week is still running; its count is not final';

function startsQuarter(week: IsoWeek): boolean {
  return QUARTER_FIRST_WEEKS.has(Number(week.slice(6)));
}

/**
 * One parameter object per quarter start and training length, shared by every series: the pipeline turns
 * each distinct object into JSON once (a new object per series and quarter was a JSON text each).
 */
const sharedParams = new Map<string, DetectionParams>();

function paramsFor(evaluateFrom: IsoWeek, trainingWeeks: number): DetectionParams {
  const key = `${evaluateFrom}|${trainingWeeks}`;
  let params = sharedParams.get(key);
  if (params === undefined) {
    const { k, h } = LIVE_CUSUM;
    params = Object.freeze({ k, h, m: 'mean', trans: 'standard', reset: true, evaluateFrom, period: 52, trainingWeeks });
    // Bounded: quarters of the kept window times training lengths; start again rather than grow for years.
    if (sharedParams.size > 4096) sharedParams.clear();
    sharedParams.set(key, params);
  }
  return params;
}

/**
 * `baselineCounts` (one per week, default the counts) is what the training weeks' mean m reads: the
 * pipeline passes known events' weeks at their expected count. The sum itself reads the observed counts.
 */
export function liveCusum(series: WeeklySeries, from?: IsoWeek, baselineCounts?: readonly number[]): DetectionResult[] {
  if (baselineCounts !== undefined && baselineCounts.length !== series.length) {
    throw new RangeError(`CUSUM baseline counts must have one value per week (${series.length}), got ${baselineCounts.length}`);
  }
  const { k, h, trainingWeeks, minTrainingWeeks } = LIVE_CUSUM;
  const results: DetectionResult[] = [];
  let i = 0;
  while (i < series.length) {
    const start = i;
    let end = i + 1;
    while (end < series.length && !startsQuarter(series[end]!.week)) end++;
    i = end;
    // Text order is week order (zero-padded labels).
    if (from !== undefined && series[end - 1]!.week < from) continue;
    const quarterStart = startsQuarter(series[start]!.week);
    const training = quarterStart ? Math.min(trainingWeeks, start) : 0;
    const first = series[start]!.week;
    if (training < minTrainingWeeks) {
      const quarter = periodOf('quarter', first);
      const reason = `CUSUM trains on the ${trainingWeeks} weeks before ${quarter.label} (from ${quarter.from}); ${training} available, at least ${minTrainingWeeks} needed`;
      const params = { k, h, trainingWeeks, evaluateFrom: quarter.from };
      for (let j = start; j < end; j++) {
        const p = series[j]!;
        results.push(notEvaluated(p.week, 'cusum', params, p.count, p.partial ? RUNNING : reason));
      }
      continue;
    }
    const m = meanOf(
      baselineCounts === undefined ? series.slice(start - training, start).map((p) => p.count) : baselineCounts.slice(start - training, start),
    );
    const params = paramsFor(first, training);
    const baselineWindow = { from: series[start - training]!.week, to: series[start - 1]!.week };
    if (m === 0) {
      const reason = 'CUSUM cannot standardise: the training weeks hold no cases, so the expected count is 0';
      for (let j = start; j < end; j++) results.push(notEvaluated(series[j]!.week, 'cusum', params, series[j]!.count, reason));
      continue;
    }
    let previous = 0;
    for (let j = start; j < end; j++) {
      const point = series[j]!;
      if (point.partial) {
        results.push(notEvaluated(point.week, 'cusum', params, point.count, RUNNING));
        continue;
      }
      const threshold = upperBound(m, previous, k, h, 'standard');
      let s = Math.max(0, previous + standardise(point.count, m, 'standard') - k);
      const alarm = s >= h;
      if (alarm) s = 0;
      results.push({
        week: point.week,
        method: 'cusum',
        params,
        baselineWindow,
        observed: point.count,
        expected: m,
        threshold,
        statistic: s,
        pValue: null,
        alarm,
        level: alarmLevel(null, alarm),
        notEvaluatedReason: null,
      });
      previous = s;
    }
  }
  return results;
}
