import type { DuckDBConnection } from '@duckdb/node-api';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmLevelValue } from '@wijksignaal/contracts/http';
import type { Theme } from '@wijksignaal/contracts/signal';

/**
 * Every level other than `none` that any method gave a wijk in the weeks `from`..`to` of a theme, one row
 * per wijk and level; the caller keeps the worst. Rows of every method count, as in the pipeline's
 * priority score: an epidemiologist wants to know when any method raised a flag.
 */
export async function alarmLevels(
  conn: DuckDBConnection,
  params: { theme: Theme; from: IsoWeek; to: IsoWeek },
): Promise<{ wijk: string; level: AlarmLevelValue }[]> {
  const reader = await conn.runAndReadAll(
    `SELECT DISTINCT wijk, level FROM alarms
     WHERE theme = $theme AND week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) AND level <> 'none'`,
    { theme: params.theme, from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  return reader.getRowsJS().map(([wijk, level]) => ({ wijk: String(wijk), level: String(level) as AlarmLevelValue }));
}
