import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { knownEventBaselines, type EventWithExpected, type TriageMarkFields } from '@wijksignaal/domain/alarm-history/known-event-baselines';
import { ALARM_EVENT_COLUMNS, alarmEventFromRow } from './alarm-event-from-row.ts';
import { seriesKey } from './series-from-cube.ts';
import { tableExists } from '../store/table-exists.ts';

/**
 * The known-event weeks detection leaves out of later baselines (`knownEventBaselines`), read once per
 * analysis run in one query: the marks of every alarm ever marked `known_event` (`alarm_triage`), the
 * events of those alarms (`alarm_events`) and, per event, the expected count of its week's verdict.
 *
 * That expected count is fixed the first time a run uses it, in `known_event_baselines` (live file only,
 * never published): the verdict's row leaves `alarms` (Farrington's after 8 weeks, every row after 52)
 * while Farrington keeps reading the week for three years, and a baseline that changed when a row went
 * would re-judge weeks on a change of method, not of data.
 */

export interface KnownEvents {
  /** Per series (`wijk|theme`): known-event week → the count baselines read for it. */
  bySeries: Map<string, Map<IsoWeek, number>>;
  /** Per series, a text that changes whenever its weeks or counts change. */
  seriesHash: Map<string, string>;
  /** One hash of all of them, for the alarms marker's settings. */
  hash: string;
}

const DDL = `CREATE TABLE IF NOT EXISTS known_event_baselines (
  alarm_id VARCHAR NOT NULL, week DATE NOT NULL, baseline DOUBLE NOT NULL, PRIMARY KEY (alarm_id, week))`;

const EMPTY_BASELINES = '(SELECT NULL::VARCHAR AS alarm_id, NULL::DATE AS week, NULL::DOUBLE AS baseline WHERE false)';

/**
 * `readOnly` (the replay, on a file a pipeline wrote): nothing is created or kept, a file without the
 * tables has no known events, and a count not kept yet is read from `alarms` as the next run would.
 */
export async function readKnownEvents(conn: DuckDBConnection, options: { readOnly?: boolean } = {}): Promise<KnownEvents> {
  let baselines = 'known_event_baselines';
  if (options.readOnly !== true) await conn.run(DDL);
  else {
    if (!(await tableExists(conn, 'alarm_triage')) || !(await tableExists(conn, 'alarm_events'))) return { bySeries: new Map(), seriesHash: new Map(), hash: hashOf(new Map()) };
    if (!(await tableExists(conn, baselines))) baselines = EMPTY_BASELINES;
  }
  const rows = (
    await conn.runAndReadAll(
      `WITH marks AS (
         SELECT alarm_id, to_json(list({'status': status, 'at': strftime("at", '%Y-%m-%dT%H:%M:%S.%gZ'), 'actionId': action_id}))::VARCHAR AS marks
         FROM alarm_triage GROUP BY alarm_id HAVING bool_or(status = 'known_event'))
       SELECT ${ALARM_EVENT_COLUMNS}, m.marks, kb.baseline, a.expected
       FROM alarm_events e JOIN marks m ON e.alarm_id = m.alarm_id
       LEFT JOIN ${baselines} kb ON kb.alarm_id = e.alarm_id AND kb.week = e.week
       LEFT JOIN alarms a ON a.wijk = e.wijk AND a.theme = e.theme AND a.week = e.week AND a.method = e.method
       ORDER BY e.seq`,
    )
  ).getRowsJS();
  const marks: TriageMarkFields[] = [];
  const events: EventWithExpected[] = [];
  const kept = new Set<string>();
  const marksRead = new Set<string>();
  for (const row of rows) {
    const event = alarmEventFromRow(row);
    if (!marksRead.has(event.alarmId)) {
      marksRead.add(event.alarmId);
      const list = JSON.parse(String(row[13])) as { status: string; at: string; actionId: string }[];
      for (const mark of list) marks.push({ alarmId: event.alarmId, ...mark });
    }
    if (row[14] !== null) kept.add(`${event.alarmId}|${event.week}`);
    const expected = row[14] ?? row[15];
    events.push({ ...event, expected: expected === null ? null : Number(expected) });
  }
  const weeks = knownEventBaselines(marks, events);
  const fresh = weeks.filter((w) => !kept.has(`${w.alarmId}|${w.week}`));
  if (fresh.length > 0 && options.readOnly !== true) {
    await conn.run(
      `INSERT INTO known_event_baselines
       SELECT x.alarm_id, x.week::DATE, x.baseline FROM (SELECT unnest(from_json($1::JSON, '[{"alarm_id":"VARCHAR","week":"VARCHAR","baseline":"DOUBLE"}]')) AS x)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(fresh.map((w) => ({ alarm_id: w.alarmId, week: mondayIsoDate(w.week), baseline: w.baseline })))],
    );
  }

  const bySeries = new Map<string, Map<IsoWeek, number>>();
  for (const w of weeks) {
    const key = seriesKey(w.wijk, w.theme);
    let series = bySeries.get(key);
    if (series === undefined) bySeries.set(key, (series = new Map()));
    series.set(w.week, w.baseline);
  }
  const seriesHash = new Map([...bySeries].map(([key, series]) => [key, JSON.stringify([...series])]));
  return { bySeries, seriesHash, hash: hashOf(seriesHash) };
}

function hashOf(seriesHash: ReadonlyMap<string, string>): string {
  return createHash('sha256').update(JSON.stringify([...seriesHash])).digest('hex').slice(0, 16);
}
