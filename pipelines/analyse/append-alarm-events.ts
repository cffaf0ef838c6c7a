import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, isoWeekFromMondayDate, isoWeekRange, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmEventFields } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { alarmEventsToAppend } from '@wijksignaal/domain/alarm-history/alarm-events-to-append';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import { ALARM_EVENT_COLUMNS, alarmEventFromRow } from './alarm-event-from-row.ts';
import { seriesKey } from './series-from-cube.ts';
import { verdictOf, type VerdictRow } from './verdict-of-rows.ts';

/**
 * Keeps alarms as events (`alarm_events`): after a run has written its alarm rows, inside the same
 * transaction, the verdicts of the judged weeks of the re-detected series are read back from `alarms`
 * (one statement for all of them), and per series `alarmEventsToAppend` says which events differ from what
 * the events already say; those are appended in one statement. Rows are never updated or deleted.
 *
 * The judged weeks are the last `judgedWeeks` complete weeks — the weeks Farrington judges too. Older weeks
 * are final in the events: when a week leaves Farrington's window its verdict in `alarms` becomes EARS's
 * alone, and that change of method, not of data, must not re-judge last month's alarms. Only series with a
 * flagged judged week or an event in the kept weeks are read, so a national run reads a few thousand rows.
 */

export interface AlarmEventsRun {
  currentWeek: IsoWeek;
  /** How many complete weeks before the running one are judged. */
  judgedWeeks: number;
  /** Events older than this many weeks are not read: their episodes are history. */
  keepWeeks: number;
  /** The consumed offsets (JSON) the run read before the counts. */
  offsets: string;
  recordedAt: Date;
}

type Keys = ReadonlySet<string> | 'all';

function seriesFilter(keys: Keys, alias: string): { join: string; params: string[] } {
  if (keys === 'all') return { join: '', params: [] };
  return {
    join: `SEMI JOIN (SELECT split_part(k, '|', 1) AS wijk, split_part(k, '|', 2) AS theme
                      FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS k)) s
           ON ${alias}.wijk = s.wijk AND ${alias}.theme = s.theme`,
    params: [JSON.stringify([...keys])],
  };
}

/** Appends the events the run calls for; returns how many. `keys`: the series whose complete weeks were re-detected. */
export async function appendAlarmEvents(conn: DuckDBConnection, keys: Keys, run: AlarmEventsRun): Promise<number> {
  if ((keys !== 'all' && keys.size === 0) || run.judgedWeeks < 1) return 0;
  const lastComplete = addIsoWeeks(run.currentWeek, -1);
  const judged = isoWeekRange(addIsoWeeks(run.currentWeek, -run.judgedWeeks), lastComplete);
  const j0 = mondayIsoDate(judged[0] as IsoWeek);
  const since = mondayIsoDate(addIsoWeeks(judged[0] as IsoWeek, -run.keepWeeks));
  const a = seriesFilter(keys, 'a');
  const e = seriesFilter(keys, 'e');
  const n = a.params.length;
  const verdictRows = (
    await conn.runAndReadAll(
      `WITH judged AS (
         SELECT a.wijk, a.theme, a.week, a.method, a.level, a.reason IS NULL AS evaluated, coalesce(a.params, '{}') AS params
         FROM alarms a ${a.join} WHERE a.week >= $${n + 1}::DATE AND a.week <= $${n + 2}::DATE),
       relevant AS (
         SELECT wijk, theme FROM judged WHERE level <> 'none'
         UNION SELECT e.wijk, e.theme FROM alarm_events e ${e.join} WHERE e.week >= $${n + 3}::DATE)
       SELECT j.wijk, j.theme, strftime(j.week, '%Y-%m-%d'), j.method, j.level, j.evaluated, j.params
       FROM judged j SEMI JOIN relevant r ON j.wijk = r.wijk AND j.theme = r.theme`,
      [...a.params, j0, mondayIsoDate(lastComplete), since],
    )
  ).getRowsJS();
  if (verdictRows.length === 0) return 0;
  const eventRows = (
    await conn.runAndReadAll(
      `SELECT ${ALARM_EVENT_COLUMNS}
       FROM alarm_events e ${e.join}
       WHERE e.alarm_id IN (SELECT alarm_id FROM alarm_events WHERE week >= $${n + 1}::DATE)
       ORDER BY e.seq`,
      [...e.params, since],
    )
  ).getRowsJS();

  const rowsBySeries = new Map<string, VerdictRow[]>();
  for (const [wijk, theme, monday, method, level, evaluated, params] of verdictRows) {
    const key = seriesKey(String(wijk), String(theme));
    let list = rowsBySeries.get(key);
    if (list === undefined) rowsBySeries.set(key, (list = []));
    list.push({ week: isoWeekFromMondayDate(String(monday)), method: String(method), level: level as AlarmLevel, evaluated: evaluated === true, params: String(params) });
  }
  const eventsBySeries = new Map<string, AlarmEventFields[]>();
  for (const row of eventRows) {
    const key = seriesKey(String(row[2]), String(row[3]));
    let list = eventsBySeries.get(key);
    if (list === undefined) eventsBySeries.set(key, (list = []));
    list.push(alarmEventFromRow(row));
  }

  const appended: AlarmEventFields[] = [];
  for (const [key, rows] of rowsBySeries) {
    const [wijk, theme] = key.split('|') as [string, string];
    const verdicts = judged.map((week) => verdictOf(week, rows.filter((r) => r.week === week)));
    appended.push(...alarmEventsToAppend({ wijk, theme }, eventsBySeries.get(key) ?? [], verdicts));
  }
  if (appended.length === 0) return 0;
  const fields = ['alarm_id', 'wijk', 'theme', 'kind', 'week', 'opened_week', 'level', 'method', 'method_version', 'settings'];
  const shape = JSON.stringify([Object.fromEntries([['i', 'BIGINT'], ...fields.map((f) => [f, 'VARCHAR'])])]);
  await conn.run(
    `INSERT INTO alarm_events
     SELECT (SELECT coalesce(max(seq), 0) FROM alarm_events) + x.i, x.alarm_id, x.wijk, x.theme, x.kind, x.week::DATE,
            x.opened_week::DATE, x.level, x.method, x.method_version, x.settings, $2, $3::TIMESTAMP
     FROM (SELECT unnest(from_json($1::JSON, '${shape}')) AS x) ORDER BY x.i`,
    [
      JSON.stringify(
        appended.map((ev, i) => ({
          i: i + 1,
          alarm_id: ev.alarmId,
          wijk: ev.wijk,
          theme: ev.theme,
          kind: ev.kind,
          week: mondayIsoDate(ev.week),
          opened_week: mondayIsoDate(ev.openedWeek),
          level: ev.level,
          method: ev.method,
          method_version: ev.methodVersion,
          settings: ev.settings,
        })),
      ),
      run.offsets,
      run.recordedAt.toISOString().replace('T', ' ').replace('Z', ''),
    ],
  );
  return appended.length;
}
