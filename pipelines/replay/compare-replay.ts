import type { AlarmEventKind } from '@wijksignaal/contracts/alarm-event';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmEventFields, StoredAlarmEvent, WeekVerdictOf } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { alarmEventsToAppend } from '@wijksignaal/domain/alarm-history/alarm-events-to-append';
import { foldAlarmLog, type AlarmEpisode } from '@wijksignaal/domain/alarm-history/fold-alarm-events';

/**
 * Pure: the alarms a replay raises in a period against the stored ones. Per series the replay's events are
 * what `alarmEventsToAppend` derives from the re-run verdicts, continuing from the stored events before the
 * period (an episode the events left open keeps its id), exactly as the analysis stage derives them; both
 * sides are then read as episodes (`foldAlarmLog`) and compared on the events that hold in the period:
 * kind, week, level, method and method version. Settings are reported, not compared: a changed setting
 * shows in what it raises.
 */

export type ReplayStatus = 'same' | 'new' | 'gone' | 'changed';

export interface EventBrief {
  kind: AlarmEventKind;
  week: IsoWeek;
  level: string;
  method: string;
  methodVersion: string;
}

export interface ReplayedAlarm {
  alarmId: string;
  wijk: string;
  theme: string;
  status: ReplayStatus;
  stored: EventBrief[];
  replayed: EventBrief[];
}

export interface ReplayPeriod {
  from: IsoWeek;
  to: IsoWeek;
}

function brief(event: AlarmEventFields): EventBrief {
  return { kind: event.kind, week: event.week, level: event.level, method: event.method, methodVersion: event.methodVersion };
}

function inPeriod(episode: AlarmEpisode | undefined, period: ReplayPeriod): EventBrief[] {
  return (episode?.holding ?? []).filter((e) => e.week >= period.from && e.week <= period.to).map(brief);
}

const text = (events: readonly EventBrief[]) => JSON.stringify(events);

export function compareReplay(
  period: ReplayPeriod,
  stored: ReadonlyMap<string, readonly StoredAlarmEvent[]>,
  replayed: ReadonlyMap<string, readonly WeekVerdictOf[]>,
): ReplayedAlarm[] {
  const out: ReplayedAlarm[] = [];
  for (const key of [...new Set([...stored.keys(), ...replayed.keys()])].sort()) {
    const [wijk, theme] = key.split('|') as [string, string];
    const events = stored.get(key) ?? [];
    const before = events.filter((e) => e.week < period.from);
    const derived = alarmEventsToAppend({ wijk, theme }, before, replayed.get(key) ?? []);
    const storedEpisodes = new Map(foldAlarmLog(events).map((e) => [e.alarmId, e]));
    const replayEpisodes = new Map(foldAlarmLog<AlarmEventFields>([...before, ...derived]).map((e) => [e.alarmId, e]));
    for (const alarmId of new Set([...storedEpisodes.keys(), ...replayEpisodes.keys()])) {
      const was = inPeriod(storedEpisodes.get(alarmId), period);
      const now = inPeriod(replayEpisodes.get(alarmId), period);
      if (was.length === 0 && now.length === 0) continue;
      const status: ReplayStatus = was.length === 0 ? 'new' : now.length === 0 ? 'gone' : text(was) === text(now) ? 'same' : 'changed';
      out.push({ alarmId, wijk, theme, status, stored: was, replayed: now });
    }
  }
  return out;
}
