import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Log } from '../log/logger.ts';
import { DETECT_SERIES_DEFAULTS, type DetectSeriesOptions } from './detect-series.ts';
import type { PriorityWeights } from './priority-score.ts';
import { refreshAlarms } from './refresh-alarms.ts';
import { refreshPriorities } from './refresh-priorities.ts';

export interface AnalysisStageOptions {
  /** The connection alarms and priorities are written on (the publisher's, not the batch writer's). */
  conn: DuckDBConnection;
  log: Log;
  now?: () => Date;
  weights?: PriorityWeights;
  detect?: DetectSeriesOptions;
}

export interface AnalysisStage {
  /** Series (`wijk|theme`) a committed batch changed. */
  markTouched(keys: Iterable<string>): void;
  /** Brings alarms and priorities up to date with everything committed so far. */
  run(): Promise<void>;
}

/**
 * Detection and priorities between batch commits and the next snapshot. A run re-detects only the series
 * touched since the previous run — except the first run after start-up and the first run in a new ISO
 * week, which redo every series: the first because nothing says the stored alarms match the cube, the
 * second because last week's partial point has become a complete week that every series must judge.
 */
export function createAnalysisStage(opts: AnalysisStageOptions): AnalysisStage {
  const now = opts.now ?? (() => new Date());
  const detect = opts.detect ?? DETECT_SERIES_DEFAULTS;
  let touched = new Set<string>();
  let lastWeek: IsoWeek | null = null;
  let themeStarts: ReadonlyMap<string, IsoWeek> | undefined;

  return {
    markTouched(keys) {
      for (const key of keys) touched.add(key);
    },
    async run() {
      const currentWeek = isoWeekFromDate(now());
      const full = lastWeek !== currentWeek;
      const keys = touched;
      touched = new Set();
      if (!full && keys.size === 0) return;
      try {
        const started = performance.now();
        const outcome = await refreshAlarms(opts.conn, full ? 'all' : keys, { currentWeek, detect, themeStarts });
        themeStarts = outcome.themeStarts;
        const detected = performance.now();
        await refreshPriorities(opts.conn, { currentWeek, weights: opts.weights });
        lastWeek = currentWeek;
        opts.log('analysis.done', {
          full,
          series: outcome.series,
          alarmRows: outcome.rows,
          readMs: Math.round(outcome.readMs),
          detectMs: Math.round(outcome.detectMs),
          writeMs: Math.round(outcome.writeMs),
          alarmsMs: Math.round(detected - started),
          prioritiesMs: Math.round(performance.now() - detected),
        });
      } catch (error) {
        // Keep the series for the next attempt; the caller (the publisher) logs and retries.
        for (const key of keys) touched.add(key);
        throw error;
      }
    },
  };
}
