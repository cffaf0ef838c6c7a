import { z } from 'zod';
import { ALARM_EVENT_KINDS } from './alarm-event.ts';
import { alarmLevelSchema } from './http.ts';
import { THEMES } from './signal.ts';

/**
 * Response shapes of the alarm history (`GET /api/v1/areas/{code}/alarm-history`, `GET /api/v1/alarm-episodes`):
 * alarms as episodes of appended events (`alarm-event.ts`). They carry levels, methods, versions and weeks,
 * never a count: an alarm's numbers are in the series view, through disclosure control.
 */

export const alarmEventEntry = z.object({
  /** The event's place in the append-only log (`alarm_events.seq`). */
  seq: z.number().int(),
  kind: z.enum(ALARM_EVENT_KINDS),
  week: z.string(),
  level: alarmLevelSchema,
  method: z.string(),
  methodVersion: z.string(),
  /** The method's parameters and baseline weeks as stored with the verdict. */
  settings: z.record(z.string(), z.unknown()),
  /** The consumed offsets (`topic:partition` → next offset) the run that wrote it read. */
  offsets: z.record(z.string(), z.string()),
  recordedAt: z.string(),
});

export const alarmEpisodeState = z.enum(['open', 'closed', 'withdrawn']);

export const alarmEpisodeEntry = z.object({
  alarmId: z.string(),
  code: z.string(),
  name: z.string(),
  gemeenteName: z.string(),
  theme: z.enum(THEMES),
  state: alarmEpisodeState,
  openedWeek: z.string(),
  /** The last flagged week (null once withdrawn). */
  lastWeek: z.string().nullable(),
  closedWeek: z.string().nullable(),
  /** The worst level of its flagged weeks; `none` once withdrawn. */
  level: alarmLevelSchema,
  /** The level of its last flagged week. */
  lastLevel: alarmLevelSchema,
  /** Method and version of the latest verdict that holds. */
  method: z.string(),
  methodVersion: z.string(),
  firstRecordedAt: z.string(),
  lastRecordedAt: z.string(),
  /** Every event of the alarm, in log order, overtaken and withdrawn ones included. */
  events: z.array(alarmEventEntry),
});

export const alarmHistoryResponse = z.object({
  code: z.string(),
  name: z.string(),
  theme: z.enum(THEMES).nullable(),
  /** Newest opened first. */
  episodes: z.array(alarmEpisodeEntry),
});

export const alarmEpisodesResponse = z.object({
  theme: z.enum(THEMES).nullable(),
  from: z.string(),
  to: z.string(),
  state: alarmEpisodeState.nullable(),
  /** Alarms with a week in the period, newest opened first. */
  episodes: z.array(alarmEpisodeEntry),
});

export type AlarmEventEntry = z.infer<typeof alarmEventEntry>;
export type AlarmEpisodeEntry = z.infer<typeof alarmEpisodeEntry>;
export type AlarmHistoryResponse = z.infer<typeof alarmHistoryResponse>;
export type AlarmEpisodesResponse = z.infer<typeof alarmEpisodesResponse>;
