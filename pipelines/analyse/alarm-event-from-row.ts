import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import { isoWeekFromMondayDate } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmEvent } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';

/** The columns of `alarm_events` (table alias `e`) in the order `alarmEventFromRow` reads them. */
export const ALARM_EVENT_COLUMNS = `e.seq, e.alarm_id, e.wijk, e.theme, e.kind, strftime(e.week, '%Y-%m-%d'), strftime(e.opened_week, '%Y-%m-%d'),
  e.level, e.method, e.method_version, e.settings, e.offsets, strftime(e.recorded_at, '%Y-%m-%dT%H:%M:%S.%gZ')`;

export function alarmEventFromRow(row: readonly unknown[]): StoredAlarmEvent {
  return {
    seq: Number(row[0]),
    alarmId: String(row[1]),
    wijk: String(row[2]),
    theme: String(row[3]),
    kind: String(row[4]) as AlarmEventKind,
    week: isoWeekFromMondayDate(String(row[5])),
    openedWeek: isoWeekFromMondayDate(String(row[6])),
    level: String(row[7]) as AlarmLevel,
    method: String(row[8]),
    methodVersion: String(row[9]),
    settings: String(row[10]),
    offsets: String(row[11]),
    recordedAt: String(row[12]),
  };
}
