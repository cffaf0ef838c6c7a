import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { levelSeverity, type AlarmLevel } from '../priority/alarm-level.ts';
import type { AlarmEventFields } from './alarm-event-row.ts';

/**
 * What the events of one alarm say, read the way every reader reads them (the pipeline before it appends,
 * the API, the replay): events before the alarm's last `withdrawn` no longer count; of the rest, the latest
 * event of each week holds (late data re-judges a week by appending, never by rewriting); the episode ends
 * at the first week whose holding event is `closed`, and events of later weeks (from before a re-judgement
 * closed it earlier) are not part of it.
 */
export interface AlarmEpisode<E extends AlarmEventFields = AlarmEventFields> {
  alarmId: string;
  wijk: string;
  theme: string;
  openedWeek: IsoWeek;
  state: 'open' | 'closed' | 'withdrawn';
  /** The flagged weeks, oldest first, each with the event that holds for it. */
  flagged: E[];
  closed: E | null;
  withdrawn: E | null;
  /** The worst level of the flagged weeks (`none` once withdrawn). */
  level: AlarmLevel;
  /** Every event that holds per week, oldest week first: what a history table lists. */
  holding: E[];
  /** All events of the alarm, in log order, withdrawn and overtaken ones included. */
  events: E[];
}

/** Latest event per week, after the last `withdrawn`: what `alarmEventsToAppend` compares with. */
export function holdingByWeek<E extends AlarmEventFields>(events: readonly E[]): { byWeek: Map<IsoWeek, E>; withdrawn: E | null } {
  let start = 0;
  let withdrawn: E | null = null;
  events.forEach((event, i) => {
    if (event.kind === 'withdrawn') {
      start = i + 1;
      withdrawn = event;
    }
  });
  const byWeek = new Map<IsoWeek, E>();
  for (const event of events.slice(start)) byWeek.set(event.week, event);
  return { byWeek, withdrawn: byWeek.size === 0 ? withdrawn : null };
}

/** The episode of one alarm's events (in log order, all of one alarm id). */
export function foldAlarmEvents<E extends AlarmEventFields>(events: readonly E[]): AlarmEpisode<E> {
  const first = events[0];
  if (first === undefined) throw new Error('an alarm has at least one event');
  const { byWeek, withdrawn } = holdingByWeek(events);
  const holding: E[] = [];
  const flagged: E[] = [];
  let closed: E | null = null;
  for (const week of [...byWeek.keys()].sort()) {
    const event = byWeek.get(week) as E;
    holding.push(event);
    if (event.kind === 'closed') {
      closed = event;
      break;
    }
    flagged.push(event);
  }
  let level: AlarmLevel = 'none';
  for (const event of flagged) if (levelSeverity(event.level) > levelSeverity(level)) level = event.level;
  return {
    alarmId: first.alarmId,
    wijk: first.wijk,
    theme: first.theme,
    openedWeek: first.openedWeek,
    state: withdrawn ? 'withdrawn' : closed ? 'closed' : 'open',
    flagged,
    closed,
    withdrawn,
    level,
    holding: withdrawn ? [] : holding,
    events: [...events],
  };
}

/** Every alarm's episode from a log of events (any series, in log order), by alarm id in first-seen order. */
export function foldAlarmLog<E extends AlarmEventFields>(events: readonly E[]): AlarmEpisode<E>[] {
  const byAlarm = new Map<string, E[]>();
  for (const event of events) {
    let list = byAlarm.get(event.alarmId);
    if (list === undefined) byAlarm.set(event.alarmId, (list = []));
    list.push(event);
  }
  return [...byAlarm.values()].map((list) => foldAlarmEvents(list));
}
