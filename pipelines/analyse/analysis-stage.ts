import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromDate, isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { PriorityWeights } from '@wijksignaal/domain/priority/priority-score';
import type { Log } from '../log/logger.ts';
import { DETECT_SERIES_DEFAULTS, type DetectSeriesOptions } from './detect-series.ts';
import type { DetectionPool } from './detection-pool.ts';
import { ALARM_CODE_VERSION, consumedOffsets, readAlarmsMarker } from './alarms-marker.ts';
import { newWeekScope } from './new-week-scope.ts';
import { refreshAlarms, type RefreshScope } from './refresh-alarms.ts';
import { readKnownEvents, type KnownEvents } from './read-known-events.ts';
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
  /**
   * Reads the alarms marker (`alarms-marker.ts`) against the offsets the pipeline starts from; call it
   * before the first batch. When the marker is current the first run detects only what changed since.
   * Without it, the first run redoes everything.
   */
  resume(): Promise<void>;
}

/** What a run rewrote in the live database: alarm rows of these series (`wijk|theme`) or all, and priorities. */
export interface AnalysisChanges {
  alarms: 'all' | ReadonlySet<string>;
  priorities: boolean;
}

/**
 * Detection and priorities between batch commits and the next snapshot. A run re-detects only what the
 * batches since the previous run changed: the touched series, from the earliest week a batch touched on
 * (results for week t read only counts up to t, so earlier weeks stay; a later week's baseline may include
 * the touched one, so every later week is redone). The first run in a new ISO week redoes every series,
 * but only the weeks from the last one on and the weeks that left Farrington's window (`newWeekScope`);
 * The first run after start-up redoes everything, since nothing says the stored alarms match the cube —
 * unless `resume()` found the alarms marker current, which says exactly that.
 * Priorities only read complete weeks (and alarms of complete weeks, which depend on nothing later), so
 * they are re-ranked only in a new week, after a resume, or when a batch changed a complete week — most
 * batches only add to the running one.
 */
export function createAnalysisStage(opts: AnalysisStageOptions): AnalysisStage {
  const now = opts.now ?? (() => new Date());
  const detect = opts.detect ?? DETECT_SERIES_DEFAULTS;
  /** Touched series and the first week each must be detected from (null: every week). */
  let touched = new Map<string, IsoWeek | null>();
  let completeWeeksChanged = false;
  let lastWeek: IsoWeek | null = null;
  let themeStarts: ReadonlyMap<string, IsoWeek> | undefined;
  let touches = 0;
  let resumed = false;
  /** The known-event weeks the last run detected with (null before the first run or resume). */
  let known: KnownEvents | null = null;
  // The marks' hash is part of the settings: a restart after a mark changed must not trust the stored rows.
  const settingsWith = (knownHash: string) => JSON.stringify({ code: ALARM_CODE_VERSION, detect, k: opts.k, knownEvents: knownHash });

  /**
   * Series whose known-event weeks changed since the last run are detected again from the first week either
   * set has (a later week's baseline may read it). A mark is few rows; the one query runs every run.
   */
  async function readMarks(): Promise<KnownEvents> {
    const current = await readKnownEvents(opts.conn);
    if (known !== null) {
      for (const key of new Set([...known.seriesHash.keys(), ...current.seriesHash.keys()])) {
        if (known.seriesHash.get(key) === current.seriesHash.get(key)) continue;
        const weeks = [...(known.bySeries.get(key)?.keys() ?? []), ...(current.bySeries.get(key)?.keys() ?? [])].sort();
        touch(key, weeks[0] ?? null);
        completeWeeksChanged = true;
      }
    }
    return current;
  }

  function touch(key: string, from: IsoWeek | null): void {
    const seen = touched.get(key);
    if (seen === undefined) touched.set(key, from);
    else if (seen !== null && (from === null || from < seen)) touched.set(key, from);
  }

  /** What this run detects again: which series, in which weeks (undefined scope: all kept weeks). */
  function plan(currentWeek: IsoWeek, keys: ReadonlyMap<string, IsoWeek | null>): { series: 'all' | Set<string>; scope?: RefreshScope } | null {
    if (lastWeek === null || themeStarts === undefined) return { series: 'all' };
    if (lastWeek !== currentWeek) {
      const scope = newWeekScope(lastWeek, currentWeek, themeStarts, detect.farringtonWeeks);
      if (scope === null) return { series: 'all' };
      let from = scope.from as IsoWeek;
      for (const week of keys.values()) {
        if (week === null) return { series: 'all' };
        if (week < from) from = week;
      }
      return { series: 'all', scope: { ...scope, from } };
    }
    if (keys.size === 0) return null;
    const from = new Map<string, IsoWeek>();
    for (const [key, week] of keys) if (week !== null) from.set(key, week);
    return { series: new Set(keys.keys()), scope: { from } };
  }

  return {
    markTouched(keys, weekMondays) {
      let from: IsoWeek | null = null;
      if (weekMondays === undefined) completeWeeksChanged = true;
      else {
        const running = mondayIsoDate(isoWeekFromDate(now()));
        for (const monday of weekMondays) {
          if (monday < running) completeWeeksChanged = true;
          const week = isoWeekFromMondayDate(monday);
          if (from === null || week < from) from = week;
        }
      }
      for (const key of keys) touch(key, from);
      touches++;
    },
    async resume() {
      const [marker, offsets] = [await readAlarmsMarker(opts.conn), await consumedOffsets(opts.conn)];
      const marks = await readKnownEvents(opts.conn);
      if (marker === null || marker.settings !== settingsWith(marks.hash) || marker.offsets !== offsets || lastWeek !== null) return;
      known = marks;
      lastWeek = marker.week;
      themeStarts = marker.themeStarts;
      resumed = true;
    },
    async run() {
      const currentWeek = isoWeekFromDate(now());
      const marks = await readMarks();
      known = marks;
      const keys = touched;
      const planned = plan(currentWeek, keys);
      const full = planned?.series === 'all';
      // The first run after a resume re-ranks: a stop between the alarms' commit and the ranking's is possible.
      const rerank = full || completeWeeksChanged || resumed;
      touched = new Map();
      completeWeeksChanged = false;
      const touchesAtStart = touches;
      if (planned === null && !resumed) return null;
      const wasResumed = resumed;
      resumed = false;
      try {
        if (planned === null) {
          await refreshPriorities(opts.conn, { currentWeek, weights: opts.weights, k: opts.k });
          opts.log('analysis.skipped', { reason: 'alarms current as of the consumed offsets', reranked: true });
          return { alarms: new Set<string>(), priorities: true };
        }
        const started = performance.now();
        const outcome = await refreshAlarms(opts.conn, planned.series, {
          currentWeek,
          detect,
          themeStarts,
          k: opts.k,
          pool: opts.pool,
          scope: planned.scope,
          marker: { settings: settingsWith(marks.hash), current: () => touches === touchesAtStart },
          events: { recordedAt: now() },
          knownEvents: marks.bySeries,
        });
        themeStarts = outcome.themeStarts;
        const detected = performance.now();
        if (rerank) await refreshPriorities(opts.conn, { currentWeek, weights: opts.weights, k: opts.k });
        lastWeek = currentWeek;
        opts.log('analysis.done', {
          full,
          scoped: planned.scope !== undefined,
          series: outcome.series,
          alarmRows: outcome.rows,
          alarmEvents: outcome.events,
          alarmEventsMs: Math.round(outcome.eventsMs),
          readMs: Math.round(outcome.readMs),
          detectMs: Math.round(outcome.detectMs),
          writeMs: Math.round(outcome.writeMs),
          alarmsMs: Math.round(detected - started),
          reranked: rerank,
          prioritiesMs: Math.round(performance.now() - detected),
        });
        return { alarms: planned.series, priorities: rerank };
      } catch (error) {
        // Keep the series for the next attempt; the caller (the publisher) logs and retries.
        for (const [key, from] of keys) touch(key, from);
        completeWeeksChanged ||= rerank;
        resumed ||= wasResumed;
        throw error;
      }
    },
  };
}
