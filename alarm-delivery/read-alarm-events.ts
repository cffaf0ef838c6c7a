import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmEventEntry } from '@wijksignaal/contracts/alarm-notification';
import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

export interface AlarmEventQuery {
  /** Only events of these kinds. */
  kinds: readonly AlarmEventKind[];
  /** Only events after this seq. */
  afterSeq?: number;
  /** Only events about this ISO week. */
  week?: IsoWeek;
  /** At most this many, oldest first. */
  limit?: number;
}

/**
 * Alarm events of a snapshot (`alarm_events`, appended by the pipeline), oldest first by seq, with the wijk's
 * name and gemeente from `areas`. Reads none of the count columns: nothing read here can carry a count.
 */
export async function readAlarmEvents(conn: DuckDBConnection, query: AlarmEventQuery): Promise<AlarmEventEntry[]> {
  const reader = await conn.runAndReadAll(
    `SELECT e.seq, e.alarm_id, e.kind, e.wijk, coalesce(a.name, e.wijk) AS wijk_name,
            coalesce(a.gemeente_code, '') AS gemeente, coalesce(a.gemeente_name, '') AS gemeente_name,
            e.theme, strftime(e.week, '%Y-%m-%d') AS week, strftime(e.opened_week, '%Y-%m-%d') AS opened_week,
            e.level, e.method, e.method_version
     FROM alarm_events e LEFT JOIN areas a ON a.code = e.wijk
     WHERE list_contains(string_split($kinds, ','), e.kind) AND e.seq > $after
       AND ($week IS NULL OR e.week = CAST($week AS DATE))
     ORDER BY e.seq
     LIMIT $limit`,
    {
      kinds: query.kinds.join(','),
      after: query.afterSeq ?? -1,
      week: query.week ? mondayIsoDate(query.week) : null,
      limit: query.limit ?? 1_000_000,
    },
  );
  return reader.getRowObjectsJS().map((row) => ({
    seq: Number(row.seq),
    alarmId: String(row.alarm_id),
    kind: String(row.kind) as AlarmEventKind,
    wijk: String(row.wijk),
    wijkName: String(row.wijk_name),
    gemeente: String(row.gemeente),
    gemeenteName: String(row.gemeente_name),
    theme: String(row.theme) as Theme,
    week: isoWeekFromMondayDate(String(row.week)),
    openedWeek: isoWeekFromMondayDate(String(row.opened_week)),
    level: String(row.level),
    method: String(row.method),
    methodVersion: String(row.method_version),
  }));
}

/** The newest seq of any alarm event in the snapshot, or null when it has none. */
export async function latestAlarmEventSeq(conn: DuckDBConnection): Promise<number | null> {
  const value = (await conn.runAndReadAll(`SELECT max(seq) FROM alarm_events`)).getRowsJS()[0]?.[0];
  return value === null || value === undefined ? null : Number(value);
}
