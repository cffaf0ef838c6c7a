import { alarmId } from '@wijksignaal/contracts/alarm-event';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { levelSeverity, type AlarmLevel } from '../priority/alarm-level.ts';
import type { AlarmEventFields, WeekVerdictOf } from './alarm-event-row.ts';
import { foldAlarmLog, holdingByWeek } from './fold-alarm-events.ts';

/**
 * The events to append for one series after a detection run, from what its events already say and the
 * verdicts of the weeks the run judged (consecutive complete weeks, oldest first; the running week is not
 * judged). Pure. The episodes of the judged weeks are derived from the verdicts alone: an alarm opens in a
 * flagged week after a quiet one, is escalated by a later flagged week worse than any before in it, updated
 * by any other, and closed by the first quiet week. An episode the events left open before the first judged
 * week continues into it (and keeps its id). Only what differs from the event that holds for that alarm and
 * week (`holdingByWeek`) is appended, so a run over unchanged counts appends nothing; an episode of the
 * judged weeks whose opening week no longer opens one is `withdrawn` (its week: the week it opened).
 */
export function alarmEventsToAppend(
  series: { wijk: string; theme: Theme | string },
  previous: readonly AlarmEventFields[],
  verdicts: readonly WeekVerdictOf[],
): AlarmEventFields[] {
  const first = verdicts[0];
  if (first === undefined) return [];
  const episodes = foldAlarmLog(previous);
  const carried = carriedEpisode(episodes, first.week);
  const desired = episodesOf(series, verdicts, carried);

  const out: AlarmEventFields[] = [];
  const desiredIds = new Set(desired.map((event) => event.alarmId));
  const verdictOf = new Map(verdicts.map((v) => [v.week, v]));
  for (const episode of episodes) {
    if (episode.state === 'withdrawn' || episode.openedWeek < first.week || desiredIds.has(episode.alarmId)) continue;
    const now = verdictOf.get(episode.openedWeek) ?? first;
    out.push({
      ...fieldsOf(series, episode.alarmId, episode.openedWeek, now),
      kind: 'withdrawn',
      week: episode.openedWeek,
      level: 'none',
    });
  }
  const holding = new Map(episodes.map((episode) => [episode.alarmId, holdingByWeek(episode.events).byWeek]));
  for (const event of desired) {
    const held = holding.get(event.alarmId)?.get(event.week);
    const same =
      held !== undefined &&
      held.kind === event.kind &&
      held.level === event.level &&
      held.method === event.method &&
      held.methodVersion === event.methodVersion;
    if (!same) out.push(event);
  }
  return out;
}

interface Carried {
  alarmId: string;
  openedWeek: IsoWeek;
  worst: AlarmLevel;
}

/** The episode still open just before `from` by its events (the latest one, should there be several). */
function carriedEpisode(episodes: ReturnType<typeof foldAlarmLog>, from: IsoWeek): Carried | null {
  let carried: Carried | null = null;
  for (const episode of episodes) {
    if (episode.state === 'withdrawn' || episode.openedWeek >= from) continue;
    if (episode.closed !== null && episode.closed.week < from) continue;
    if (carried !== null && carried.openedWeek > episode.openedWeek) continue;
    let worst: AlarmLevel = 'none';
    for (const event of episode.flagged) {
      if (event.week < from && levelSeverity(event.level) > levelSeverity(worst)) worst = event.level;
    }
    carried = { alarmId: episode.alarmId, openedWeek: episode.openedWeek, worst };
  }
  return carried;
}

function fieldsOf(series: { wijk: string; theme: string }, id: string, openedWeek: IsoWeek, v: WeekVerdictOf) {
  return {
    alarmId: id,
    wijk: series.wijk,
    theme: series.theme,
    openedWeek,
    method: v.method,
    methodVersion: v.methodVersion,
    settings: v.settings,
  };
}

/** The events the verdicts call for, week by week (the episodes' lifecycle). */
function episodesOf(series: { wijk: string; theme: string }, verdicts: readonly WeekVerdictOf[], carried: Carried | null): AlarmEventFields[] {
  const events: AlarmEventFields[] = [];
  let open = carried;
  for (const v of verdicts) {
    if (v.level === 'none') {
      if (open !== null) events.push({ ...fieldsOf(series, open.alarmId, open.openedWeek, v), kind: 'closed', week: v.week, level: 'none' });
      open = null;
    } else if (open === null) {
      open = { alarmId: alarmId(series.wijk, series.theme as Theme, v.week), openedWeek: v.week, worst: v.level };
      events.push({ ...fieldsOf(series, open.alarmId, v.week, v), kind: 'opened', week: v.week, level: v.level });
    } else {
      const worse = levelSeverity(v.level) > levelSeverity(open.worst);
      if (worse) open.worst = v.level;
      events.push({ ...fieldsOf(series, open.alarmId, open.openedWeek, v), kind: worse ? 'escalated' : 'updated', week: v.week, level: v.level });
    }
  }
  return events;
}
