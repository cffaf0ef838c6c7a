import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { PriorityWeights } from '@wijksignaal/domain/priority/priority-score';
import type { Log } from '../log/logger.ts';
import { DETECT_SERIES_DEFAULTS, type DetectSeriesOptions } from './detect-series.ts';
import type { DetectionPool } from './detection-pool.ts';
import { refreshAlarms } from './refresh-alarms.ts';
import { refreshPriorities } from './refresh-priorities.ts';

export interface AnalysisStageOptions {
  /** The connection alarms and priorities are written on (the publisher's, not the batch writer's). */
  conn: DuckDBConnection;
  log: Log;
  /** Detection and priorities read published counts of this k, like everything else that leaves. */
  k: number;
  now?: () => Date;
  weights?: PriorityWeights;
  detect?: DetectSeriesOptions;
  /** The worker threads detection runs on. */
  pool: DetectionPool;
}

export interface AnalysisStage {
  /**
   * Series (`wijk|theme`) a committed batch changed, and the Mondays of the weeks it changed. Without the
   * weeks every call counts as a change to complete weeks.
   */
  markTouched(keys: Iterable<string>, weekMondays?: Iterable<string>): void;
  /** Brings alarms and priorities up to date with everything committed so far; says what it rewrote. */
  run(): Promise<AnalysisChanges | null>;
}

/** What a run rewrote in the live database: alarm rows of these series (`wijk|theme`) or all, and priorities. */
export interface AnalysisChanges {
  alarms: 'all' | ReadonlySet<string>;
  priorities: boolean;
}

/**
 * Detection and priorities between batch commits and the next snapshot. A run re-detects only the series
 * touched since the previous run — except the first run after start-up and the first run in a new ISO
 * week, which redo every series: the first because nothing says the stored alarms match the cube, the
 * second because last week's partial point has become a complete week that every series must judge.
 * Priorities only read complete weeks (and alarms of complete weeks, which depend on nothing later), so
 * they are re-ranked only when a batch changed a complete week — most batches only add to the running one.
 */
export function createAnalysisStage(opts: AnalysisStageOptions): AnalysisStage {
  const now = opts.now ?? (() => new Date());
  const detect = opts.detect ?? DETECT_SERIES_DEFAULTS;
  let touched = new Set<string>();
  let completeWeeksChanged = false;
  let lastWeek: IsoWeek | null = null;
  let themeStarts: ReadonlyMap<string, IsoWeek> | undefined;

  return {
    markTouched(keys, weekMondays) {
      for (const key of keys) touched.add(key);
      if (weekMondays === undefined) completeWeeksChanged = true;
      else {
        const running = mondayIsoDate(isoWeekFromDate(now()));
        for (const monday of weekMondays) if (monday < running) completeWeeksChanged = true;
      }
    },
    async run() {
      const currentWeek = isoWeekFromDate(now());
      const full = lastWeek !== currentWeek;
      const keys = touched;
      const rerank = full || completeWeeksChanged;
      touched = new Set();
      completeWeeksChanged = false;
      if (!full && keys.size === 0) return null;
      try {
        const started = performance.now();
        const outcome = await refreshAlarms(opts.conn, full ? 'all' : keys, {
          currentWeek,
          detect,
          themeStarts,
          k: opts.k,
          pool: opts.pool,
        });
        themeStarts = outcome.themeStarts;
        const detected = performance.now();
        if (rerank) await refreshPriorities(opts.conn, { currentWeek, weights: opts.weights, k: opts.k });
        lastWeek = currentWeek;
        opts.log('analysis.done', {
          full,
          series: outcome.series,
          alarmRows: outcome.rows,
          readMs: Math.round(outcome.readMs),
          detectMs: Math.round(outcome.detectMs),
          writeMs: Math.round(outcome.writeMs),
          alarmsMs: Math.round(detected - started),
          reranked: rerank,
          prioritiesMs: Math.round(performance.now() - detected),
        });
        return { alarms: full ? 'all' : keys, priorities: rerank };
      } catch (error) {
        // Keep the series for the next attempt; the caller (the publisher) logs and retries.
        for (const key of keys) touched.add(key);
        completeWeeksChanged ||= rerank;
        throw error;
      }
    },
  };
}
