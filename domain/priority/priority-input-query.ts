import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { CbsBand } from '@wijksignaal/contracts/population';
import { worstLevel, type AlarmLevel } from './alarm-level.ts';
import {
  ALARM_WEEKS,
  SMR_WEEKS,
  TREND_PRIOR_WEEKS,
  TREND_RECENT_WEEKS,
  type PriorityCounts,
  type PriorityInput,
} from './priority-score.ts';

/**
 * What the priority score is computed from, read with one aggregate over the weekly cube plus three small
 * tables (`population`, `areas`, `alarms`). The pipeline (`refreshPriorities`) and the API (re-weighted
 * rankings) both read it; each runs these statements on its own DuckDB connection and hands the rows to
 * `priorityInputFromRows`, so a re-weighted ranking differs from the stored one only by the weights.
 */

/** One statement with its positional parameters (`$1`, `$2`, …). */
export interface SqlStatement {
  sql: string;
  params: string[];
}

export interface PriorityInputStatements {
  /** wijk, theme, age_band, events in the SMR window, in the recent trend window, in the prior window. */
  counts: SqlStatement;
  /** code, band, residents of each wijk's newest population year. */
  population: SqlStatement;
  /** code of every wijk, sorted. */
  wijken: SqlStatement;
  /** wijk, theme, level of every red or amber week in the last ALARM_WEEKS complete weeks. */
  alarms: SqlStatement;
}

/** Result rows of the four statements, as positional values (DuckDB's `getRowsJS()`). */
export type PriorityInputRows = Record<keyof PriorityInputStatements, readonly (readonly unknown[])[]>;

export type PriorityInputData = Required<Omit<PriorityInput, 'weights'>>;

/** The four statements for the windows that end before `currentWeek` (the running week is never read). */
export function priorityInputStatements(currentWeek: IsoWeek): PriorityInputStatements {
  const date = (weeksBack: number): string => mondayIsoDate(addIsoWeeks(currentWeek, -weeksBack));
  const current = date(0);
  const recentFrom = date(TREND_RECENT_WEEKS);
  const smrFrom = date(SMR_WEEKS);
  const priorFrom = date(TREND_RECENT_WEEKS + TREND_PRIOR_WEEKS);
  return {
    counts: {
      sql: `SELECT wijk, theme, age_band,
            coalesce(sum(n) FILTER (WHERE week >= $2::DATE), 0)::DOUBLE,
            coalesce(sum(n) FILTER (WHERE week >= $3::DATE), 0)::DOUBLE,
            coalesce(sum(n) FILTER (WHERE week < $3::DATE), 0)::DOUBLE
     FROM weekly_counts WHERE week >= $1::DATE AND week < $4::DATE GROUP BY wijk, theme, age_band`,
      params: [priorFrom, smrFrom, recentFrom, current],
    },
    population: {
      sql: `SELECT code, band, residents FROM population QUALIFY year = max(year) OVER (PARTITION BY code)`,
      params: [],
    },
    wijken: { sql: 'SELECT code FROM areas ORDER BY code', params: [] },
    alarms: {
      sql: `SELECT DISTINCT wijk, theme, level FROM alarms WHERE week >= $1::DATE AND week < $2::DATE AND level <> 'none'`,
      params: [date(ALARM_WEEKS), current],
    },
  };
}

/** The score's input from the rows of `priorityInputStatements`: alarm levels reduced to the worst per wijk × theme. */
export function priorityInputFromRows(rows: PriorityInputRows): PriorityInputData {
  const byWijk = new Map<string, Partial<Record<CbsBand, number>>>();
  for (const [code, band, residents] of rows.population) {
    const entry = byWijk.get(code as string) ?? {};
    entry[band as CbsBand] = residents as number;
    byWijk.set(code as string, entry);
  }
  const levels = new Map<string, AlarmLevel[]>();
  for (const [wijk, theme, level] of rows.alarms) {
    const key = `${String(wijk)}|${String(theme)}`;
    levels.set(key, [...(levels.get(key) ?? []), level as AlarmLevel]);
  }
  return {
    wijken: rows.wijken.map((r) => r[0] as string),
    counts: rows.counts.map((r): PriorityCounts => ({
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
