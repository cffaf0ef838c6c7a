import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmEvent } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';

export interface AlarmEventsParams {
  wijk?: string;
  theme?: string;
  /** Only alarms with an event in these weeks (every event of those alarms is returned). */
  from?: IsoWeek;
  to?: IsoWeek;
}

/**
 * The snapshot's alarm events, in log order: of one wijk and/or theme, or of the alarms with an event in a
 * period. A snapshot written before alarms were kept as events has no such table: no events.
 */
export async function alarmEvents(conn: DuckDBConnection, params: AlarmEventsParams): Promise<StoredAlarmEvent[]> {
  const exists = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'alarm_events'`)).getRowsJS();
  if (exists[0]?.[0] !== 1) return [];
  const reader = await conn.runAndReadAll(
    `SELECT seq::DOUBLE AS seq, alarm_id, wijk, theme, kind, strftime(week, '%Y-%m-%d') AS week, strftime(opened_week, '%Y-%m-%d') AS opened,
            level, method, method_version, settings, offsets, strftime(recorded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS recorded_at
     FROM alarm_events
     WHERE ($wijk IS NULL OR wijk = $wijk) AND ($theme IS NULL OR theme = $theme)
       AND ($from IS NULL OR alarm_id IN (SELECT alarm_id FROM alarm_events WHERE week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)))
     ORDER BY seq`,
    {
      wijk: params.wijk ?? null,
      theme: params.theme ?? null,
      from: params.from ? mondayIsoDate(params.from) : null,
      to: params.to ? mondayIsoDate(params.to) : null,
    },
  );
  return reader.getRowObjectsJS().map((r) => ({
    seq: Number(r.seq),
    alarmId: String(r.alarm_id),
    wijk: String(r.wijk),
    theme: String(r.theme),
    kind: String(r.kind) as AlarmEventKind,
    week: isoWeekFromMondayDate(String(r.week)),
    openedWeek: isoWeekFromMondayDate(String(r.opened)),
    level: String(r.level) as AlarmLevel,
    method: String(r.method),
    methodVersion: String(r.method_version),
    settings: String(r.settings),
    offsets: String(r.offsets),
    recordedAt: String(r.recorded_at),
  }));
}
