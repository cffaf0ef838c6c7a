import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';

/**
 * Weekly counts per wijk × theme over `from`..`to` for the given `wijk|theme` keys (weeks without signals
 * are absent; callers zero-fill). Disclosure control needs them for weeks a response does not show: the
 * baselines of expected values and thresholds.
 */
export async function weeklyTotals(
  conn: DuckDBConnection,
  params: { keys: readonly string[]; from: IsoWeek; to: IsoWeek },
): Promise<Map<string, Map<IsoWeek, number>>> {
  const out = new Map<string, Map<IsoWeek, number>>();
  if (params.keys.length === 0) return out;
  const reader = await conn.runAndReadAll(
    `SELECT wijk || '|' || theme AS key, strftime(week, '%Y-%m-%d') AS monday, CAST(sum(n) AS DOUBLE) AS n
     FROM weekly_counts
     WHERE week BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
       AND list_contains(string_split($keys, ','), wijk || '|' || theme)
     GROUP BY wijk, theme, week`,
    { keys: params.keys.join(','), from: mondayIsoDate(params.from), to: mondayIsoDate(params.to) },
  );
  for (const [key, monday, n] of reader.getRowsJS()) {
    const series = out.get(String(key)) ?? new Map<IsoWeek, number>();
    series.set(isoWeekFromMondayDate(String(monday)), Number(n));
    out.set(String(key), series);
  }
  return out;
}
