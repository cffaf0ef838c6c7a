import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmEpisodeEntry, AlarmEpisodesResponse, AlarmHistoryResponse } from '@wijksignaal/contracts/alarm-history';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { StoredAlarmEvent } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { foldAlarmLog, type AlarmEpisode } from '@wijksignaal/domain/alarm-history/fold-alarm-events';
import { ProblemError } from '../http/problem.ts';
import { alarmEvents } from '../queries/alarm-events.ts';
import { listAreas, namedWijk } from '../queries/list-areas.ts';

/**
 * The alarm history answers: the snapshot's alarm events folded into episodes the way every reader folds
 * them (`foldAlarmLog`). Levels, methods, versions, settings and weeks only: no count leaves here (an
 * alarm's numbers are the series view's published cells).
 */

type Area = { name: string; gemeenteName: string };

const parsed = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

function entry(episode: AlarmEpisode<StoredAlarmEvent>, area: Area | undefined): AlarmEpisodeEntry {
  const last = episode.flagged.at(-1) ?? null;
  const latest = episode.holding.at(-1) ?? episode.events.at(-1)!;
  return {
    alarmId: episode.alarmId,
    ...namedWijk(episode.wijk, area),
    theme: episode.theme as Theme,
    state: episode.state,
    openedWeek: episode.openedWeek,
    lastWeek: last?.week ?? null,
    closedWeek: episode.closed?.week ?? null,
    level: episode.level,
    lastLevel: last?.level ?? 'none',
    method: latest.method,
    methodVersion: latest.methodVersion,
    firstRecordedAt: episode.events[0]!.recordedAt,
    lastRecordedAt: episode.events.at(-1)!.recordedAt,
    events: episode.events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      week: e.week,
      level: e.level,
      method: e.method,
      methodVersion: e.methodVersion,
      settings: parsed<Record<string, unknown>>(e.settings, {}),
      offsets: parsed<Record<string, string>>(e.offsets, {}),
      recordedAt: e.recordedAt,
    })),
  };
}

const newestFirst = (a: AlarmEpisodeEntry, b: AlarmEpisodeEntry) =>
  a.openedWeek < b.openedWeek ? 1 : a.openedWeek > b.openedWeek ? -1 : a.alarmId < b.alarmId ? -1 : a.alarmId > b.alarmId ? 1 : 0;

async function areasByCode(conn: DuckDBConnection): Promise<Map<string, Area>> {
  return new Map((await listAreas(conn)).areas.map((a) => [a.code, a]));
}

/** Every episode of one wijk (of one theme, or all), newest opened first; a 404 for a code not in the registry. */
export async function alarmHistoryAnswer(conn: DuckDBConnection, params: { code: string; theme?: Theme }): Promise<AlarmHistoryResponse> {
  const areas = await areasByCode(conn);
  const area = areas.get(params.code);
  if (!area) throw new ProblemError(404, `wijk ${params.code} is not in the area registry; GET /api/v1/areas lists the known codes`);
  const events = await alarmEvents(conn, { wijk: params.code, theme: params.theme });
  return {
    code: params.code,
    name: area.name,
    theme: params.theme ?? null,
    episodes: foldAlarmLog(events).map((e) => entry(e, area)).sort(newestFirst),
  };
}

/** The alarms with a week in the period and their current state, optionally of one theme or state. */
export async function alarmEpisodesAnswer(
  conn: DuckDBConnection,
  params: { from: IsoWeek; to: IsoWeek; theme?: Theme; state?: AlarmEpisodeEntry['state'] },
): Promise<AlarmEpisodesResponse> {
  const areas = await areasByCode(conn);
  const events = await alarmEvents(conn, { theme: params.theme, from: params.from, to: params.to });
  const episodes = foldAlarmLog(events)
    .filter((e) => params.state === undefined || e.state === params.state)
    .filter((e) => e.openedWeek <= params.to && (e.closed === null || e.closed.week >= params.from))
    .map((e) => entry(e, areas.get(e.wijk)))
    .sort(newestFirst);
  return { theme: params.theme ?? null, from: params.from, to: params.to, state: params.state ?? null, episodes };
}
