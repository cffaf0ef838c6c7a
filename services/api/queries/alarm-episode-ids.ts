import type { DuckDBConnection } from '@duckdb/node-api';
import { alarmId } from '@wijksignaal/contracts/alarm-event';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';

/**
 * The alarm id (`contracts/alarm-event.ts`: series and opening week) of each flagged wijk × theme × week of a
 * range, keyed `wijk|theme|week`. An episode's events (`alarm_events`) name it where the snapshot has them;
 * otherwise it is the first week of the unbroken run of flagged weeks (amber or red, any method) the week lies
 * in, which is how an episode opens and holds until a quiet week closes it.
 */
export async function alarmEpisodeIds(
  conn: DuckDBConnection,
  range: { from: IsoWeek; to: IsoWeek; theme?: string },
): Promise<Map<string, string>> {
  const reader = await conn.runAndReadAll(
    `WITH flagged AS (
       SELECT DISTINCT wijk, theme, week FROM alarms
       WHERE level IN ('amber', 'red') AND week <= CAST($to AS DATE) AND ($theme IS NULL OR theme = $theme)),
     shown AS (SELECT DISTINCT wijk, theme FROM flagged WHERE week >= CAST($from AS DATE)),
     runs AS (
       SELECT f.wijk, f.theme, f.week,
              f.week - 7 * CAST(row_number() OVER (PARTITION BY f.wijk, f.theme ORDER BY f.week) AS INTEGER) AS run
       FROM flagged f SEMI JOIN shown s ON f.wijk = s.wijk AND f.theme = s.theme),
     opened AS (
       SELECT wijk, theme, week, min(week) OVER (PARTITION BY wijk, theme, run) AS opened_week FROM runs),
     events AS (SELECT wijk, theme, week, max(alarm_id) AS event_id FROM alarm_events GROUP BY wijk, theme, week)
     SELECT o.wijk, o.theme, strftime(o.week, '%Y-%m-%d') AS monday, strftime(o.opened_week, '%Y-%m-%d') AS opened, e.event_id
     FROM opened o LEFT JOIN events e ON e.wijk = o.wijk AND e.theme = o.theme AND e.week = o.week
     WHERE o.week >= CAST($from AS DATE)`,
    { from: mondayIsoDate(range.from), to: mondayIsoDate(range.to), theme: range.theme ?? null },
  );
  const ids = new Map<string, string>();
  for (const row of reader.getRowObjectsJS()) {
    const week = isoWeekFromMondayDate(String(row.monday));
    const id =
      row.event_id === null
        ? alarmId(String(row.wijk), String(row.theme) as Theme, isoWeekFromMondayDate(String(row.opened)))
        : String(row.event_id);
    ids.set(`${String(row.wijk)}|${String(row.theme)}|${week}`, id);
  }
  return ids;
}
