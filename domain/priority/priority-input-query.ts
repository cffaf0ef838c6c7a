import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { CbsBand } from '@wijksignaal/contracts/population';
import type { GridPeriod } from '../published/period-grid.ts';
import { worstLevel, type AlarmLevel } from './alarm-level.ts';
import { priorityPeriods, weeksIn, type PriorityPeriods } from './priority-periods.ts';
import { ALARM_WEEKS, type PriorityInput, type PublishedThemeCounts } from './priority-score.ts';

/**
 * What the priority score is computed from: published cells (the wijk totals of the SMR quarter and the
 * trend's 4-week periods, the region's age bands of the quarter) plus three small tables (`population`,
 * `areas`, `alarms`). The pipeline runs these statements over the cells it is about to publish, so the
 * score uses exactly the numbers the snapshot will show.
 */

/** One statement with its positional parameters (`$1`, `$2`, …). */
export interface SqlStatement {
  sql: string;
  params: string[];
}

export interface PriorityInputStatements {
  /** theme, level, area, period_kind, period_from (YYYY-MM-DD), dimension, value, count of the needed cells. */
  cells: SqlStatement;
  /** code, band, residents of each wijk in the area registry's year (as the API's overview). */
  population: SqlStatement;
  /** code of every wijk, sorted. */
  wijken: SqlStatement;
  /** wijk, theme, level of every red or amber week in the last ALARM_WEEKS complete weeks. */
  alarms: SqlStatement;
}

/** Result rows of the statements, as positional values (DuckDB's `getRowsJS()`). */
export type PriorityInputRows = Record<keyof PriorityInputStatements, readonly (readonly unknown[])[]>;

export type PriorityInputData = Required<Omit<PriorityInput, 'weights'>>;

/** Every grid period the score reads, for the pipeline to build their published cells. */
export function priorityGridPeriods(periods: PriorityPeriods): GridPeriod[] {
  return [periods.smr, periods.recent, ...periods.prior];
}

/**
 * The statements for the windows that end before `currentWeek` (the running week is never read).
 * `published` is the relation holding published cells: `published_counts` in a snapshot, or the
 * pipeline's build of the cells it is about to publish.
 */
export function priorityInputStatements(currentWeek: IsoWeek, published: string): PriorityInputStatements {
  const periods = priorityPeriods(currentWeek);
  const fourWeeks = [periods.recent, ...periods.prior].map((p) => `'${mondayIsoDate(p.from)}'`).join(', ');
  return {
    cells: {
      sql: `SELECT theme, level, area, period_kind, strftime(period_from, '%Y-%m-%d'), dimension, value, count::DOUBLE
            FROM ${published}
            WHERE ((period_kind = 'quarter' AND period_from = $1::DATE) OR (period_kind = 'fourWeeks' AND period_from IN (${fourWeeks})))
              AND ((level = 'wijk' AND dimension = 'total') OR (level = 'region' AND dimension = 'ageBand' AND period_kind = 'quarter'))`,
      params: [mondayIsoDate(periods.smr.from)],
    },
    population: {
      sql: `SELECT p.code, p.band, p.residents FROM population p JOIN areas a ON a.code = p.code AND a.year = p.year`,
      params: [],
    },
    wijken: { sql: 'SELECT code FROM areas ORDER BY code', params: [] },
    alarms: {
      sql: `SELECT DISTINCT wijk, theme, level FROM alarms WHERE week >= $1::DATE AND week < $2::DATE AND level <> 'none'`,
      params: [mondayIsoDate(addIsoWeeks(currentWeek, -ALARM_WEEKS)), mondayIsoDate(currentWeek)],
    },
  };
}

/** The score's input from the rows of `priorityInputStatements`: alarm levels reduced to the worst per wijk × theme. */
export function priorityInputFromRows(rows: PriorityInputRows, currentWeek: IsoWeek, k: number): PriorityInputData {
  const periods = priorityPeriods(currentWeek);
  const priorIndex = new Map(periods.prior.map((p, i) => [mondayIsoDate(p.from), i]));
  const recentFrom = mondayIsoDate(periods.recent.from);
  const counts = new Map<string, PublishedThemeCounts & { prior: (number | null)[] }>();
  const regionByAgeBand = new Map<string, Map<string, number>>();
  for (const [theme, level, area, kind, from, , value, count] of rows.cells) {
    const n = Number(count);
    if (level === 'region') {
      // A region age band without a row is withheld: too few to matter for the reference rates, left at 0.
      const bands = regionByAgeBand.get(String(theme)) ?? new Map<string, number>();
      bands.set(String(value), n);
      regionByAgeBand.set(String(theme), bands);
      continue;
    }
    const key = `${String(area)}|${String(theme)}`;
    const c = counts.get(key) ?? { smr: null, recent: null, prior: periods.prior.map(() => null) };
    if (kind === 'quarter') c.smr = n;
    else if (from === recentFrom) c.recent = n;
    else c.prior[priorIndex.get(String(from)) ?? 0] = n;
    counts.set(key, c);
  }
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
    counts,
    regionByAgeBand,
    population: byWijk,
    alarmLevels: new Map([...levels].map(([key, l]) => [key, worstLevel(l)])),
    trendWeeks: { recent: weeksIn([periods.recent]), prior: weeksIn(periods.prior) },
    k,
  };
}
