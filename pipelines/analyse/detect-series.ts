import { addIsoWeeks, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import {
  FARRINGTON_FROM_WEEKS,
  runDetectionChain,
  type DetectionChainOptions,
} from '../detect/choose-methods.ts';
import { EARS_DEFAULT_BASELINE, earsHistoryNeeded } from '../detect/ears.ts';
import { LIVE_CUSUM_LOOKBACK, liveCusum } from '../detect/live-cusum.ts';
import { METHOD_VERSIONS } from '../detect/method-versions.ts';
import type { DetectionParams, DetectionResult } from '../detect/detection-result.ts';
import { FARRINGTON_NOUFAILY, type FarringtonOptions } from '../detect/farrington.ts';
import { farringtonResults } from '../detect/farrington-results.ts';
import type { WeeklySeries } from '../detect/weekly-series.ts';
import { storedResults } from './stored-results.ts';

/**
 * Detection for one wijk × theme series, as rows for the `alarms` table, for the most recent `keepWeeks`
 * weeks (or the part of them a `DetectScope` names): the rows `storedResults` keeps of every method's.
 * Pure, and it never throws: a series the chain cannot handle comes back as not-evaluated rows carrying
 * the reason, so one odd series never stops the others.
 */

/** A detection result as stored: flat, with its series named and the baseline window split in two. */
export interface AlarmRow extends Omit<DetectionResult, 'params' | 'baselineWindow' | 'notEvaluatedReason'> {
  wijk: string;
  theme: string;
  reason: string | null;
  /** JSON of the method's parameters; stored with `baselineFrom`/`baselineTo` added when there is a baseline. */
  params: string;
  baselineFrom: IsoWeek | null;
  baselineTo: IsoWeek | null;
  /**
   * Complete weeks of the series before this week, at most `FARRINGTON_FROM_WEEKS` (which then reads "at
   * least"): what the method choice is explained from (`domain/detection/method-choice.ts`). Capped so it
   * depends only on where the series starts, never on how far back the window reaches.
   */
  historyWeeks: number;
}

export interface DetectSeriesOptions {
  /** Weeks (the running one included) whose results are stored. */
  keepWeeks: number;
  /** Weeks (the running one excluded) Farrington is evaluated for; it is the expensive method. */
  farringtonWeeks: number;
  farrington: FarringtonOptions;
  ears?: DetectionChainOptions['ears'];
}

/**
 * Which of the kept weeks to detect. A week's results depend only on the counts up to that week (and on
 * where the series starts, and so which methods it gets), so after a change only the weeks from the first
 * changed one need detecting again.
 */
export interface DetectScope {
  /** Weeks from this one on (all kept weeks when absent). */
  from?: IsoWeek;
  /**
   * Earlier weeks to detect as well: weeks that have just left Farrington's window, whose verdict is now
   * EARS's alone. They must lie before that window (Farrington runs only from `from` on).
   */
  also?: readonly IsoWeek[];
}

export const DETECT_SERIES_DEFAULTS: DetectSeriesOptions = {
  keepWeeks: 52,
  farringtonWeeks: 8,
  farrington: FARRINGTON_NOUFAILY,
  // A wijk series is mostly zeros; with R's minSigma 0 a single case after a quiet baseline is an alarm.
  ears: { minSigma: 1 },
};

/** How far back Farrington reads for one week: b years plus the window half-width. */
export function farringtonLookback(options: FarringtonOptions): number {
  return options.frequency * options.b + options.w;
}

/**
 * Farrington for the last `weeks` complete weeks only. Farrington works on positions (week k reads
 * k − freq·b − w … k), so handing it just the tail it needs gives exactly the numbers the whole
 * series would; only the last weeks are judged and returned.
 */
export function recentFarrington(
  options: FarringtonOptions,
  weeks: number,
  from?: IsoWeek,
): (series: WeeklySeries, baselineCounts?: readonly number[]) => DetectionResult[] {
  const lookback = farringtonLookback(options);
  return (series, baselineCounts) => {
    let complete = weeks;
    if (from !== undefined) {
      // Only the complete weeks from `from` on (labels are zero-padded: text order is week order).
      let since = 0;
      for (const point of series) if (!point.partial && point.week >= from) since++;
      complete = Math.min(weeks, since);
    }
    const tail = complete + (series[series.length - 1]?.partial ? 1 : 0);
    const start = Math.max(0, series.length - tail - lookback);
    const input = series.slice(start);
    // Only the tail is judged: the weeks before it are the history it reads, not weeks to report.
    return farringtonResults(input, options, Math.max(0, input.length - tail), baselineCounts?.slice(start));
  };
}

const paramsCache = new WeakMap<DetectionParams, string>();

/** The method's parameters and its version (`method-versions.ts`), so a stored row says what computed it. */
function paramsJson(params: DetectionParams, method: DetectionResult['method']): string {
  let json = paramsCache.get(params);
  if (json === undefined) {
    json = JSON.stringify({ ...params, version: METHOD_VERSIONS[method] });
    paramsCache.set(params, json);
  }
  return json;
}

/** A detection result as the `alarms` table stores it (before `storedParams` adds the baseline and history). */
export function toRow(wijk: string, theme: string, result: DetectionResult, historyWeeks: number): AlarmRow {
  return {
    wijk,
    theme,
    week: result.week,
    method: result.method,
    observed: result.observed,
    expected: result.expected,
    threshold: result.threshold,
    statistic: result.statistic,
    pValue: result.pValue,
    alarm: result.alarm,
    level: result.level,
    reason: result.notEvaluatedReason,
    params: paramsJson(result.params, result.method),
    baselineFrom: result.baselineWindow?.from ?? null,
    baselineTo: result.baselineWindow?.to ?? null,
    historyWeeks,
  };
}

/**
 * Detection of one series with its known-event weeks (`known`: week → baseline count, from
 * `knownEventBaselines`) left out of the baselines: the methods read those weeks at their baseline count
 * wherever they read history. The known-event weeks themselves keep the verdict they have without the
 * marks (their own detection runs on the plain counts), so marking an alarm never changes the weeks it
 * rests on, and the expected counts the baselines take from them stay put. Every other result whose
 * baseline held known-event weeks names them in its params (`knownEventWeeks`).
 */
function detectWithKnownEvents(
  series: WeeklySeries,
  known: ReadonlyMap<IsoWeek, number>,
  keptWeeks: readonly IsoWeek[],
  detect: (baselineCounts?: readonly number[]) => DetectionResult[],
): DetectionResult[] {
  const baseline = series.map((p) => known.get(p.week) ?? p.count);
  const results = detect(baseline);
  const plain = keptWeeks.some((week) => known.has(week)) ? detect() : [];
  const plainOf = new Map(plain.filter((r) => known.has(r.week)).map((r) => [`${r.week}|${r.method}`, r]));
  const marked = [...known.keys()].sort();
  return results.map((result) => {
    if (known.has(result.week)) return plainOf.get(`${result.week}|${result.method}`) ?? result;
    const window = result.baselineWindow;
    if (window === null) return result;
    // EARS C3 also reads the two weeks before its own through their C2 values.
    const last = result.method === 'earsC3' ? addIsoWeeks(result.week, -1) : window.to;
    const knownEventWeeks = marked.filter((week) => week >= window.from && week <= last);
    return knownEventWeeks.length === 0 ? result : { ...result, params: { ...result.params, knownEventWeeks } };
  });
}

export function detectSeries(
  wijk: string,
  theme: string,
  series: WeeklySeries,
  options: DetectSeriesOptions = DETECT_SERIES_DEFAULTS,
  scope: DetectScope = {},
  known?: ReadonlyMap<IsoWeek, number>,
): AlarmRow[] {
  const keep = Math.max(1, options.keepWeeks);
  const also = new Set(scope.also);
  const from = scope.from;
  const kept = series.slice(-keep).filter((p) => from === undefined || p.week >= from || also.has(p.week));
  const keptWeeks = kept.map((p) => p.week);
  // EARS looks back 11 weeks, Farrington b years: each gets only the tail it reads, which gives the
  // same numbers as the whole series (EARS on 212 weeks to keep 52 was most of a national run). The
  // EARS tail keeps at least FARRINGTON_FROM_WEEKS complete weeks, so the chain still chooses
  // Farrington exactly when the full history allows it; Farrington then reads its own longer tail.
  const farringtonStart = Math.max(0, series.length - (keep + farringtonLookback(options.farrington) + 1));
  const farringtonInput = series.slice(farringtonStart);
  const earsLookback = earsHistoryNeeded('C3', options.ears?.baseline ?? EARS_DEFAULT_BASELINE);
  const chainStart = Math.max(0, series.length - Math.max(FARRINGTON_FROM_WEEKS + 1, keep + earsLookback + 1));
  const chainInput = series.slice(chainStart);
  // CUSUM reads the rest of a kept week's quarter and the training weeks before it.
  const cusumStart = Math.max(0, series.length - (keep + LIVE_CUSUM_LOOKBACK + 1));
  const cusumInput = series.slice(cusumStart);
  const farrington = recentFarrington(options.farrington, options.farringtonWeeks, from);
  // Every week before a point of the series is complete: its index is its history.
  const history = new Map<IsoWeek, number>();
  for (let i = Math.max(0, series.length - keep); i < series.length; i++) {
    history.set(series[i]!.week, Math.min(i, FARRINGTON_FROM_WEEKS));
  }
  const chain = (baselineCounts?: readonly number[]): DetectionResult[] =>
    runDetectionChain(chainInput, {
      ears: options.ears,
      baselineCounts: baselineCounts?.slice(chainStart),
      farrington: () => farrington(farringtonInput, baselineCounts?.slice(farringtonStart)),
      cusum: () => liveCusum(cusumInput, keptWeeks[0], baselineCounts?.slice(cusumStart)),
    }).results;
  try {
    const results = known === undefined || known.size === 0 ? chain() : detectWithKnownEvents(series, known, keptWeeks, chain);
    return storedResults(results, keptWeeks).map((result) => toRow(wijk, theme, result, history.get(result.week) ?? 0));
  } catch (error) {
    const reason = `detection failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return kept.map((p) => ({
      wijk,
      theme,
      week: p.week,
      method: 'earsC1',
      observed: p.count,
      expected: null,
      threshold: null,
      statistic: null,
      pValue: null,
      alarm: false,
      level: 'none',
      reason,
      params: '{}',
      baselineFrom: null,
      baselineTo: null,
      historyWeeks: history.get(p.week) ?? 0,
    }));
  }
}
