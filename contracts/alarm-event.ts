import type { IsoWeek } from './iso-week.ts';
import type { Theme } from './signal.ts';

/**
 * An alarm is an episode of one series (wijk × theme): it opens in the first complete week a method flags
 * (amber or red), is updated for each further flagged week, and closes in the first complete week that is
 * quiet again. Each change is an event row that is appended, never rewritten: the history a team lead browses
 * and the feed webhooks deliver from.
 *
 * - `opened`: the first flagged week of the episode.
 * - `escalated`: a later flagged week at a higher level than the episode had (amber → red).
 * - `updated`: a later flagged week at the same or a lower level.
 * - `closed`: the first quiet complete week after the episode.
 * - `withdrawn`: late data re-judged the weeks the episode rests on and none of them flags any more; the
 *   earlier events stay as they were, this one says they no longer hold.
 */
export const ALARM_EVENT_KINDS = ['opened', 'escalated', 'updated', 'closed', 'withdrawn'] as const;
export type AlarmEventKind = (typeof ALARM_EVENT_KINDS)[number];

/** An alarm's id: its series and the week it opened. The same episode keeps it across detection runs. */
export function alarmId(wijk: string, theme: Theme, openedWeek: IsoWeek): string {
  return `${wijk}.${theme}.${openedWeek}`;
}

/** The parts of an alarm id, or null when the text is not one. */
export function parseAlarmId(id: string): { wijk: string; theme: string; openedWeek: IsoWeek } | null {
  const match = /^([A-Za-z0-9]+)\.([a-z_]+)\.(\d{4}-W\d{2})$/.exec(id);
  return match ? { wijk: match[1]!, theme: match[2]!, openedWeek: match[3] as IsoWeek } : null;
}
