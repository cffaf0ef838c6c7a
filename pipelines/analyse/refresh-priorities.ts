import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { CbsBand } from '@wijksignaal/contracts/population';
import type { AlarmLevel } from '../detect/detection-result.ts';
import { worstLevel } from './detect-series.ts';
import {
  ALARM_WEEKS,
  SMR_WEEKS,
  TREND_PRIOR_WEEKS,
  TREND_RECENT_WEEKS,
  prioritise,
  type PriorityCounts,
  type PriorityWeights,
  type WijkPriority,
} from './priority-score.ts';

/** Everything the score needs, read with one aggregate over the cube plus three small tables. */
export async function readPriorityInput(conn: DuckDBConnection, currentWeek: IsoWeek) {
  const date = (weeksBack: number): string => mondayIsoDate(addIsoWeeks(currentWeek, -weeksBack));
  const current = date(0);
  const recentFrom = date(TREND_RECENT_WEEKS);
  const smrFrom = date(SMR_WEEKS);
  const priorFrom = date(TREND_RECENT_WEEKS + TREND_PRIOR_WEEKS);
  const counts = await conn.runAndReadAll(
    `SELECT wijk, theme, age_band,
            coalesce(sum(n) FILTER (WHERE week >= $2::DATE), 0)::DOUBLE,
            coalesce(sum(n) FILTER (WHERE week >= $3::DATE), 0)::DOUBLE,
            coalesce(sum(n) FILTER (WHERE week < $3::DATE), 0)::DOUBLE
     FROM weekly_counts WHERE week >= $1::DATE AND week < $4::DATE GROUP BY wijk, theme, age_band`,
    [priorFrom, smrFrom, recentFrom, current],
  );
  const population = await conn.runAndReadAll(
    `SELECT code, band, residents FROM population QUALIFY year = max(year) OVER (PARTITION BY code)`,
  );
  const wijken = await conn.runAndReadAll('SELECT code FROM areas ORDER BY code');
  const alarms = await conn.runAndReadAll(
    `SELECT DISTINCT wijk, theme, level FROM alarms WHERE week >= $1::DATE AND week < $2::DATE AND level <> 'none'`,
    [date(ALARM_WEEKS), current],
  );

  const byWijk = new Map<string, Partial<Record<CbsBand, number>>>();
  for (const [code, band, residents] of population.getRowsJS()) {
    const entry = byWijk.get(code as string) ?? {};
    entry[band as CbsBand] = residents as number;
    byWijk.set(code as string, entry);
  }
  const levels = new Map<string, AlarmLevel[]>();
  for (const [wijk, theme, level] of alarms.getRowsJS()) {
    const key = `${String(wijk)}|${String(theme)}`;
    levels.set(key, [...(levels.get(key) ?? []), level as AlarmLevel]);
  }
  return {
    wijken: wijken.getRowsJS().map((r) => r[0] as string),
    counts: counts.getRowsJS().map((r): PriorityCounts => ({
      wijk: r[0] as string,
      theme: r[1] as string,
      ageBand: r[2] as string,
      smrWindow: r[3] as number,
      recent: r[4] as number,
      prior: r[5] as number,
    })),
    population: byWijk,
    alarmLevels: new Map([...levels].map(([key, l]) => [key, worstLevel(l)])),
  };
}

/** Recomputes the ranked list for every wijk and replaces the `priorities` table in one transaction. */
export async function refreshPriorities(
  conn: DuckDBConnection,
  opts: { currentWeek: IsoWeek; weights?: PriorityWeights },
): Promise<WijkPriority[]> {
  const priorities = prioritise({ ...(await readPriorityInput(conn, opts.currentWeek)), weights: opts.weights });
  const rows = priorities.map((p) => ({ wijk: p.wijk, rank: p.rank, score: p.score, components: JSON.stringify(p.components) }));
  await conn.run('BEGIN');
  try {
    await conn.run('DELETE FROM priorities');
    await conn.run(
      `INSERT INTO priorities SELECT wijk, rank, score, components
       FROM (SELECT unnest(from_json($1::JSON, '[{"wijk":"VARCHAR","rank":"INTEGER","score":"DOUBLE","components":"VARCHAR"}]'), recursive := true))`,
      [JSON.stringify(rows)],
    );
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return priorities;
}
