import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { consumedOffsets, writeAlarmsMarker } from './alarms-marker.ts';
import { consumedOffsetsJson } from '../store/consumed-offsets-json.ts';
import { appendAlarmColumns } from './append-alarm-columns.ts';
import { appendAlarmEvents } from './append-alarm-events.ts';
import { knownEventColumns, type SeriesBatch } from './detect-batch.ts';
import { LIVE_CUSUM_LOOKBACK } from '../detect/live-cusum.ts';
import { DETECT_SERIES_DEFAULTS, farringtonLookback, type DetectSeriesOptions } from './detect-series.ts';
import type { DetectionPool } from './detection-pool.ts';
import { readDenseSeries, seriesKey, seriesStarts, windowWeeks, type DenseSeriesRow } from './series-from-cube.ts';

export interface RefreshAlarmsOptions {
  currentWeek: IsoWeek;
  /** Detection reads the published weekly counts of this k (see series-from-cube.ts). */
  k: number;
  detect?: DetectSeriesOptions;
  themeStarts?: ReadonlyMap<string, IsoWeek>;
  /** The worker threads that detect. */
  pool: DetectionPool;
  /** Which weeks to detect again; without it every kept week of the series. */
  scope?: RefreshScope;
  /**
   * Write the "alarms current as of offsets" marker with the rows: `settings` as the marker's, and only
   * when `current()` still holds at the end (no batch was marked touched during the run: a batch that
   * committed before the offsets were read but is detected only next time must not be covered by it).
   */
  marker?: { settings: string; current(): boolean };
  /**
   * Keep the alarms as events too (`append-alarm-events.ts`), in the same transaction, stamped with this
   * time: the episodes of the series whose complete weeks this run re-detected.
   */
  events?: { recordedAt: Date };
  /** Known-event weeks per series (`read-known-events.ts`), left out of later weeks' baselines. */
  knownEvents?: ReadonlyMap<string, ReadonlyMap<IsoWeek, number>>;
}

/**
 * The weeks a run detects again (see `DetectScope`): from a week on, per series or for all of them, and
 * a few earlier ones. Rows of the other kept weeks stay as they are; rows that fell out of the kept
 * weeks are dropped.
 */
export interface RefreshScope {
  from?: IsoWeek | ReadonlyMap<string, IsoWeek>;
  also?: readonly IsoWeek[];
}

export interface RefreshAlarmsOutcome {
  series: number;
  rows: number;
  themeStarts: Map<string, IsoWeek>;
  /**
   * Time split, for the log and the benchmark. Detection and writing overlap (the workers detect the next
   * batches while the connection writes the finished ones): `detectMs` runs until the last batch came
   * back, `writeMs` is the time the connection spent writing, the replaced rows' delete included.
   */
  readMs: number;
  detectMs: number;
  writeMs: number;
  /** Alarm events appended, and the time deriving and appending them took (part of `writeMs`). */
  events: number;
  eventsMs: number;
}

/** Series per batch at most: small enough that writing starts early, large enough to be cheap to send. */
export const BATCH_SERIES = 400;

function fromOf(scope: RefreshScope | undefined, key: string): IsoWeek | undefined {
  const from = scope?.from;
  return from === undefined || typeof from === 'string' ? from : from.get(key);
}

function toBatches(
  rows: readonly DenseSeriesRow[],
  startIndex: ReadonlyMap<string, number>,
  weeks: IsoWeek[],
  workers: number,
  scope: RefreshScope | undefined,
  knownEvents: ReadonlyMap<string, ReadonlyMap<IsoWeek, number>> | undefined,
): SeriesBatch[] {
  const weekIndex = new Map(weeks.map((week, i) => [week, i]));
  const size = Math.max(1, Math.min(BATCH_SERIES, Math.ceil(rows.length / workers)));
  const batches: SeriesBatch[] = [];
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size);
    const counts = new Float64Array(slice.length * weeks.length);
    slice.forEach((row, i) => counts.set(row.counts, i * weeks.length));
    batches.push({
      weeks,
      wijk: slice.map((r) => r.wijk),
      theme: slice.map((r) => r.theme),
      from: Int32Array.from(slice, (r) => startIndex.get(r.theme) ?? r.first),
      counts,
      detectFrom: Int32Array.from(slice, (r) => {
        const from = fromOf(scope, seriesKey(r.wijk, r.theme));
        return from === undefined ? -1 : (weekIndex.get(from) ?? (from < (weeks[0] as IsoWeek) ? -1 : weeks.length));
      }),
      also: scope?.also ? [...scope.also] : undefined,
      known: knownEventColumns(
        slice.map((r) => seriesKey(r.wijk, r.theme)),
        weekIndex,
        knownEvents,
      ),
    });
  }
  return batches;
}

function startsMoved(startIndex: ReadonlyMap<string, number>, window: Parameters<typeof seriesStarts>[1]): boolean {
  if (window.themeStarts === undefined) return true;
  const before = seriesStarts([], window).startIndex;
  for (const [theme, index] of startIndex) if (before.get(theme) !== index) return true;
  return false;
}

/**
 * Recomputes the alarms of exactly the given series ('all' for every series in the cube), in the weeks
 * of `opts.scope` (all kept weeks without one), and replaces their rows in one transaction, so a snapshot
 * never shows a series half old, half new.
 */
export async function refreshAlarms(
  conn: DuckDBConnection,
  keys: ReadonlySet<string> | 'all',
  opts: RefreshAlarmsOptions,
): Promise<RefreshAlarmsOutcome> {
  const detect = opts.detect ?? DETECT_SERIES_DEFAULTS;
  const pool = opts.pool;
  const t0 = performance.now();
  // Read before the counts: the counts then hold at least everything these offsets cover.
  const offsets = opts.marker ? await consumedOffsets(conn) : null;
  const offsetsJson = opts.events ? await consumedOffsetsJson(conn) : '{}';
  const window = {
    currentWeek: opts.currentWeek,
    historyWeeks: detect.keepWeeks + Math.max(farringtonLookback(detect.farrington), LIVE_CUSUM_LOOKBACK) + 1,
    themeStarts: opts.themeStarts,
  };
  const dense = await readDenseSeries(conn, keys, window, opts.k);
  const { startIndex, themeStarts } = seriesStarts(dense, window);
  if ((keys !== 'all' || opts.scope !== undefined) && startsMoved(startIndex, window)) {
    // A theme starts earlier than the stored alarms assumed (or is new): every series of it reads a
    // longer history, so every series and week is detected again.
    return refreshAlarms(conn, 'all', { ...opts, scope: undefined });
  }
  const t1 = performance.now();
  const outcome = {
    series: dense.length,
    rows: 0,
    themeStarts,
    readMs: t1 - t0,
    detectMs: 0,
    writeMs: 0,
    events: 0,
    eventsMs: 0,
  };
  if (keys !== 'all' && keys.size === 0) return outcome;

  const batches = toBatches(dense, startIndex, windowWeeks(window), pool.size, opts.scope, opts.knownEvents);
  const detected = batches.map((batch) => pool.detect(batch, detect));
  // Awaited one by one below; a failure is thrown there, the others must not go unhandled meanwhile.
  for (const result of detected) result.catch(() => undefined);
  const timed = async (write: () => Promise<unknown>) => {
    const start = performance.now();
    await write();
    outcome.writeMs += performance.now() - start;
  };
  await timed(() => conn.run('BEGIN'));
  try {
    await timed(() => deleteAlarmRows(conn, keys, opts.scope, addIsoWeeks(opts.currentWeek, -(detect.keepWeeks - 1))));
    for (const [i, result] of detected.entries()) {
      const columns = await result;
      outcome.detectMs = performance.now() - t1;
      outcome.rows += columns.length;
      await timed(() => appendAlarmColumns(conn, batches[i] as SeriesBatch, columns));
    }
    if (opts.events) {
      const events = opts.events;
      const started = performance.now();
      await timed(async () => {
        outcome.events = await appendAlarmEvents(conn, judgedSeries(keys, opts.scope, opts.currentWeek), {
          currentWeek: opts.currentWeek,
          judgedWeeks: Math.max(1, detect.farringtonWeeks),
          keepWeeks: detect.keepWeeks,
          offsets: offsetsJson,
          recordedAt: events.recordedAt,
        });
      });
      outcome.eventsMs = performance.now() - started;
    }
    if (opts.marker && offsets !== null && opts.marker.current()) {
      await writeAlarmsMarker(conn, { offsets, week: opts.currentWeek, themeStarts, settings: opts.marker.settings });
    }
    await timed(() => conn.run('COMMIT'));
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return outcome;
}

/** The series whose complete weeks the run re-detected: a batch of the running week alone judges nothing anew. */
function judgedSeries(
  keys: ReadonlySet<string> | 'all',
  scope: RefreshScope | undefined,
  currentWeek: IsoWeek,
): ReadonlySet<string> | 'all' {
  if (keys === 'all') return 'all';
  const judged = new Set<string>();
  for (const key of keys) {
    const from = fromOf(scope, key);
    if (from === undefined || from < currentWeek || (scope?.also?.length ?? 0) > 0) judged.add(key);
  }
  return judged;
}

/** Deletes the rows the run replaces: of the scope's weeks (all weeks without one), and any before `keepFrom`. */
async function deleteAlarmRows(
  conn: DuckDBConnection,
  keys: ReadonlySet<string> | 'all',
  scope: RefreshScope | undefined,
  keepFrom: IsoWeek,
): Promise<void> {
  const also = JSON.stringify((scope?.also ?? []).map(mondayIsoDate));
  const replaced = `(touched.from_monday IS NULL OR alarms.week >= touched.from_monday OR alarms.week < $3::DATE
                     OR alarms.week IN (SELECT unnest(from_json($2::JSON, '["VARCHAR"]'))::DATE))`;
  if (keys === 'all') {
    if (scope?.from === undefined && scope?.also === undefined) {
      await conn.run('DELETE FROM alarms');
      return;
    }
    const from = typeof scope.from === 'string' ? mondayIsoDate(scope.from) : null;
    if (scope.from !== undefined && typeof scope.from !== 'string') throw new Error('a scope per series needs the series');
    await conn.run(`DELETE FROM alarms USING (SELECT $1::DATE AS from_monday) AS touched WHERE ${replaced}`, [
      from,
      also,
      mondayIsoDate(keepFrom),
    ]);
    return;
  }
  const entries = [...keys].map((k) => {
    const from = fromOf(scope, k);
    return { k, f: from === undefined ? null : mondayIsoDate(from) };
  });
  await conn.run(
    `DELETE FROM alarms USING (SELECT split_part(e.k, '|', 1) AS wijk, split_part(e.k, '|', 2) AS theme, e.f::DATE AS from_monday
                               FROM (SELECT unnest(from_json($1::JSON, '[{"k":"VARCHAR","f":"VARCHAR"}]')) AS e)) AS touched
     WHERE alarms.wijk = touched.wijk AND alarms.theme = touched.theme AND ${replaced}`,
    [JSON.stringify(entries), also, mondayIsoDate(keepFrom)],
  );
}
