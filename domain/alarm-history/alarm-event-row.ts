import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevel } from '../priority/alarm-level.ts';

/**
 * One alarm event as the rules below see it: a row of `alarm_events` (contracts/snapshot.ts) without what
 * the writer adds (`seq`, the consumed offsets, the time). `level` is `none` for `closed` and `withdrawn`.
 */
export interface AlarmEventFields {
  alarmId: string;
  wijk: string;
  theme: string;
  kind: AlarmEventKind;
  week: IsoWeek;
  openedWeek: IsoWeek;
  level: AlarmLevel;
  method: string;
  methodVersion: string;
  /** The verdict's parameters as JSON (the `alarms.params` of that week and method). */
  settings: string;
}

/** A stored event: the fields plus its place in the log, the offsets its run consumed and when it was written. */
export interface StoredAlarmEvent extends AlarmEventFields {
  seq: number;
  offsets: string;
  recordedAt: string;
}

/** The verdict of one complete week of a series: the worst level over its methods and the method that gave it. */
export interface WeekVerdictOf {
  week: IsoWeek;
  level: AlarmLevel;
  method: string;
  methodVersion: string;
  settings: string;
}
