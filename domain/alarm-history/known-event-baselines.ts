import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmEventFields } from './alarm-event-row.ts';
import { foldAlarmLog } from './fold-alarm-events.ts';

/** One triage mark as stored (`alarm_triage`): only what decides which mark holds. */
export interface TriageMarkFields {
  alarmId: string;
  status: string;
  /** When it was marked (ISO text in the events' `recordedAt` form, so text order is time order). */
  at: string;
  actionId: string;
}

/** An alarm event with when it was written and the expected count of its week's verdict (null: none). */
export interface EventWithExpected extends AlarmEventFields {
  /** ISO text in the same form as the marks' `at`. */
  recordedAt: string;
  expected: number | null;
}

/** A flagged week of a known-event alarm and the count later weeks' baselines read for it instead. */
export interface KnownEventWeek {
  alarmId: string;
  wijk: string;
  theme: string;
  week: IsoWeek;
  baseline: number;
}

/**
 * The known-event weeks and their baseline counts, from the marks and the events of the marked alarms.
 * Pure. An alarm counts when its newest mark (by time, then action id) is `known_event`; a later mark
 * with another status undoes it. The mark covers the episode as its events stood when it was made, read
 * as every reader reads them (`foldAlarmLog`: nothing once withdrawn, the flagged weeks up to its close):
 * events written after the mark do not move it, so the re-detection a mark causes cannot change which
 * weeks it covers (a week flagged later joins when the alarm is marked again). Each flagged week's baseline count is the
 * expected count of the verdict its holding event names: the excess over it is the event's, the
 * background stays in the baseline. A week without an expected count is left as observed. Sorted by
 * series and week.
 */
export function knownEventBaselines(marks: readonly TriageMarkFields[], events: readonly EventWithExpected[]): KnownEventWeek[] {
  const newest = new Map<string, TriageMarkFields>();
  for (const mark of marks) {
    const seen = newest.get(mark.alarmId);
    if (seen === undefined || mark.at > seen.at || (mark.at === seen.at && mark.actionId > seen.actionId)) newest.set(mark.alarmId, mark);
  }
  const markedAt = new Map<string, string>();
  for (const mark of newest.values()) if (mark.status === 'known_event') markedAt.set(mark.alarmId, mark.at);
  const covered = events.filter((event) => {
    const at = markedAt.get(event.alarmId);
    return at !== undefined && event.recordedAt <= at;
  });
  const weeks: KnownEventWeek[] = [];
  const seen = new Set<string>();
  for (const episode of foldAlarmLog(covered)) {
    for (const event of episode.flagged) {
      const key = `${event.wijk}|${event.theme}|${event.week}`;
      if (event.expected === null || !Number.isFinite(event.expected) || seen.has(key)) continue;
      seen.add(key);
      weeks.push({ alarmId: episode.alarmId, wijk: event.wijk, theme: event.theme, week: event.week, baseline: event.expected });
    }
  }
  const order = (w: KnownEventWeek) => `${w.wijk}|${w.theme}|${w.week}`;
  return weeks.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
