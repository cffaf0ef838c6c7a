import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';

/**
 * "The stored alarms are current as of these consumer offsets": one row next to `consumer_offsets` in the
 * live file, written in the same transaction as the alarm rows. At start-up the analysis stage compares it
 * with the offsets it starts from; when they match (and the detection settings are the same), nothing has
 * arrived since the alarms were computed, and the restart skips the full run — or, in a later ISO week,
 * detects only the weeks that week changed. Its table is part of the live schema (`LIVE_SCHEMA`).
 */

/**
 * Part of the marker's settings: change it whenever the detection code changes what it stores for the
 * same counts and options, so a restart after such an upgrade redoes every series instead of trusting
 * rows the old code wrote.
 */
// 'verdict-rows-1' stored no alarm events; resuming on its marker would leave the judged weeks without them.
// 'verdict-rows-cusum-2': CUSUM joined the chain, so rows stored before it lack CUSUM's.
export const ALARM_CODE_VERSION = 'verdict-rows-cusum-2+alarm-events-1';

export interface AlarmsMarker {
  offsets: string;
  /** The running ISO week the alarms were computed in. */
  week: IsoWeek;
  themeStarts: Map<string, IsoWeek>;
  /** The detection settings and k the alarms were computed with, as JSON. */
  settings: string;
}

/** The consumed offsets as one text, in a fixed order so equal offsets give equal texts. */
export async function consumedOffsets(conn: DuckDBConnection): Promise<string> {
  const reader = await conn.runAndReadAll(
    `SELECT coalesce(string_agg(topic || ':' || "partition" || '=' || next_offset, ',' ORDER BY topic, "partition"), '')
     FROM consumer_offsets`,
  );
  return String(reader.getRowsJS()[0]?.[0] ?? '');
}

export async function readAlarmsMarker(conn: DuckDBConnection): Promise<AlarmsMarker | null> {
  const [row] = (await conn.runAndReadAll('SELECT offsets, week, theme_starts, settings FROM alarms_marker')).getRowsJS();
  if (row === undefined) return null;
  return {
    offsets: String(row[0]),
    week: String(row[1]) as IsoWeek,
    themeStarts: new Map(Object.entries(JSON.parse(String(row[2])) as Record<string, IsoWeek>)),
    settings: String(row[3]),
  };
}

/** Inside the caller's transaction, so the marker commits with the rows it speaks for. */
export async function writeAlarmsMarker(conn: DuckDBConnection, marker: AlarmsMarker): Promise<void> {
  await conn.run('DELETE FROM alarms_marker');
  await conn.run('INSERT INTO alarms_marker VALUES ($1, $2, $3, $4)', [
    marker.offsets,
    marker.week,
    JSON.stringify(Object.fromEntries(marker.themeStarts)),
    marker.settings,
  ]);
}
