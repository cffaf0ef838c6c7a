import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmEvent, WeekVerdictOf } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { DEFAULT_K } from '@wijksignaal/domain/disclosure/primary-suppression';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import { ALARM_EVENT_COLUMNS, alarmEventFromRow } from '../analyse/alarm-event-from-row.ts';
import { detectBatch, knownEventColumns } from '../analyse/detect-batch.ts';
import { readKnownEvents } from '../analyse/read-known-events.ts';
import { farringtonLookback } from '../analyse/detect-series.ts';
import { readDenseSeries, seriesKey, seriesStarts, windowWeeks } from '../analyse/series-from-cube.ts';
import { verdictOf, type VerdictRow } from '../analyse/verdict-of-rows.ts';
import { compareReplay, type ReplayedAlarm } from './compare-replay.ts';
import { weeksChangedSince } from './weeks-changed-since.ts';
import type { ReplayOptions } from './replay-options.ts';
import { tableExists } from '../store/table-exists.ts';

/**
 * Replays detection for a period from the live file's cube (opened read-only) and compares the alarms it
 * raises with the stored events. It replays from the cube as it is now: the slim ledger keeps each
 * signal's cell, partition and offset but not its count or topic, so the cube as of an event's offsets
 * cannot be rebuilt; instead the weeks whose cells received signals at or after the offsets an event was
 * computed from are named (`countsChanged`), where a difference may come from late data, not the method.
 *
 * Each week of the period is judged as the pipeline judged it last: by every method of the chain,
 * Farrington included (the stored events come from the weeks Farrington judges), with the method choice
 * of the series' history at the period's end.
 */

export interface ReplayReport {
  db: string;
  from: IsoWeek;
  to: IsoWeek;
  theme: string | null;
  wijk: string | null;
  k: number;
  /** The settings `--set` changed (empty: the pipeline's current ones). */
  changed: string[];
  source: 'current cube';
  summary: Record<ReplayedAlarm['status'], number>;
  alarms: (ReplayedAlarm & { countsChanged: IsoWeek[] })[];
}

const BATCH_SERIES = 400;

/** k and theme starts of the stored alarms (the alarms marker), when the file has them. */
async function storedRun(conn: DuckDBConnection): Promise<{ k?: number; themeStarts?: Map<string, IsoWeek> }> {
  if (!(await tableExists(conn, 'alarms_marker'))) return {};
  const [row] = (await conn.runAndReadAll('SELECT theme_starts, settings FROM alarms_marker')).getRowsJS();
  if (row === undefined) return {};
  const settings = JSON.parse(String(row[1])) as { k?: number };
  return { k: settings.k, themeStarts: new Map(Object.entries(JSON.parse(String(row[0])) as Record<string, IsoWeek>)) };
}

export async function replayAlarms(opts: ReplayOptions): Promise<ReplayReport> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(opts.db, { access_mode: 'READ_ONLY' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot open ${opts.db} read-only: ${reason} (a running pipeline holds it: replay a copy, or stop the pipeline)`);
  }
  const conn = await instance.connect();
  try {
    return await replayOn(conn, opts);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function replayOn(conn: DuckDBConnection, opts: ReplayOptions): Promise<ReplayReport> {
  const run = await storedRun(conn);
  const k = opts.k ?? run.k ?? DEFAULT_K;
  const period = isoWeekRange(opts.from, opts.to);
  const detect = {
    ...opts.detect,
    farringtonWeeks: period.length,
    keepWeeks: Math.max(opts.detect.keepWeeks, period.length + 1),
  };
  const window = {
    currentWeek: addIsoWeeks(opts.to, 1),
    historyWeeks: detect.keepWeeks + farringtonLookback(detect.farrington) + 1,
    themeStarts: run.themeStarts,
  };
  const wanted = (wijk: string, theme: string) => (opts.theme === undefined || theme === opts.theme) && (opts.wijk === undefined || wijk === opts.wijk);
  const dense = await readDenseSeries(conn, 'all', window, k);
  const { startIndex } = seriesStarts(dense, window);
  const rows = dense.filter((r) => wanted(r.wijk, r.theme));
  const weeks = windowWeeks(window);
  const firstIndex = weeks.indexOf(opts.from);
  const weekIndex = new Map(weeks.map((week, i) => [week, i]));
  // The marks as they are now: the stored events after a mark were detected with it.
  const known = (await readKnownEvents(conn, { readOnly: true })).bySeries;

  const replayed = new Map<string, WeekVerdictOf[]>();
  for (let start = 0; start < rows.length; start += BATCH_SERIES) {
    const slice = rows.slice(start, start + BATCH_SERIES);
    const counts = new Float64Array(slice.length * weeks.length);
    slice.forEach((row, i) => counts.set(row.counts, i * weeks.length));
    const batch = {
      weeks,
      wijk: slice.map((r) => r.wijk),
      theme: slice.map((r) => r.theme),
      from: Int32Array.from(slice, (r) => startIndex.get(r.theme) ?? r.first),
      counts,
      detectFrom: new Int32Array(slice.length).fill(firstIndex),
      known: knownEventColumns(slice.map((r) => seriesKey(r.wijk, r.theme)), weekIndex, known),
    };
    const columns = detectBatch(batch, detect);
    const bySeries = new Map<number, VerdictRow[]>();
    for (let i = 0; i < columns.length; i++) {
      const week = weeks[columns.week[i] as number] as IsoWeek;
      if (week < opts.from || week > opts.to) continue;
      const s = columns.series[i] as number;
      let list = bySeries.get(s);
      if (list === undefined) bySeries.set(s, (list = []));
      list.push({
        week,
        method: columns.strings[columns.method[i] as number] as string,
        level: columns.strings[columns.level[i] as number] as AlarmLevel,
        evaluated: (columns.reason[i] as number) < 0,
        params: columns.strings[columns.params[i] as number] as string,
      });
    }
    for (const [s, list] of bySeries) {
      const verdicts = period.map((week) => verdictOf(week, list.filter((r) => r.week === week)));
      if (verdicts.some((v) => v.level !== 'none')) replayed.set(seriesKey(slice[s]!.wijk, slice[s]!.theme), verdicts);
    }
  }

  const stored = new Map<string, StoredAlarmEvent[]>();
  if (await tableExists(conn, 'alarm_events')) {
    const eventRows = (await conn.runAndReadAll(`SELECT ${ALARM_EVENT_COLUMNS} FROM alarm_events e ORDER BY e.seq`)).getRowsJS();
    for (const row of eventRows) {
      const event = alarmEventFromRow(row);
      if (!wanted(event.wijk, event.theme)) continue;
      const key = seriesKey(event.wijk, event.theme);
      let list = stored.get(key);
      if (list === undefined) stored.set(key, (list = []));
      list.push(event);
    }
  }
  // A series with stored events but no flagged week now still needs its quiet verdicts (to close or be gone).
  for (const key of stored.keys()) {
    if (!replayed.has(key)) replayed.set(key, period.map((week) => ({ week, level: 'none', method: 'none', methodVersion: 'none', settings: '{}' })));
  }
  const compared = compareReplay({ from: opts.from, to: opts.to }, stored, replayed);
  const changedWeeks = await weeksChangedSince(conn, compared, stored, { from: opts.from, to: opts.to });
  const summary = { same: 0, new: 0, gone: 0, changed: 0 };
  for (const alarm of compared) summary[alarm.status]++;
  return {
    db: opts.db,
    from: opts.from,
    to: opts.to,
    theme: opts.theme ?? null,
    wijk: opts.wijk ?? null,
    k,
    changed: opts.changed,
    source: 'current cube',
    summary,
    alarms: compared.map((alarm) => ({ ...alarm, countsChanged: changedWeeks.get(alarm.alarmId) ?? [] })),
  };
}
