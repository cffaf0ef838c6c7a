import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { REGION_AREA } from '@wijksignaal/contracts/snapshot';
import {
  periodsContaining,
  periodsOverlapping,
  periodWeeks,
  PERIOD_KINDS,
  type GridPeriod,
} from '@wijksignaal/domain/published/period-grid';
import { noiseKeySql } from '@wijksignaal/domain/published/noise-key';
import { publishedCountSql, RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';

/** One grid period of one theme whose published cells are (re)built. */
export interface PublishedPeriod {
  theme: string;
  period: GridPeriod;
}

function periodKey(p: PublishedPeriod): string {
  return `${p.theme}|${p.period.kind}|${p.period.from}`;
}

/** The periods whose cells change when these cube cells change: each week counts towards four. */
export function periodsTouched(cells: Iterable<{ theme: string; weekMonday: string }>): PublishedPeriod[] {
  const seen = new Set<string>();
  const out = new Map<string, PublishedPeriod>();
  for (const { theme, weekMonday } of cells) {
    const themeWeek = `${theme}|${weekMonday}`;
    if (seen.has(themeWeek)) continue;
    seen.add(themeWeek);
    for (const period of periodsContaining(isoWeekFromMondayDate(weekMonday))) {
      const p = { theme, period };
      out.set(periodKey(p), p);
    }
  }
  return [...out.values()];
}

/** Every period of every theme that the live cube has data in. */
export async function periodsOfCube(conn: DuckDBConnection): Promise<PublishedPeriod[]> {
  const reader = await conn.runAndReadAll(
    `SELECT theme, strftime(min(week), '%Y-%m-%d'), strftime(max(week), '%Y-%m-%d') FROM weekly_counts GROUP BY theme ORDER BY theme`,
  );
  return reader.getRowsJS().flatMap(([theme, first, last]) =>
    PERIOD_KINDS.flatMap((kind) =>
      periodsOverlapping(kind, isoWeekFromMondayDate(String(first)), isoWeekFromMondayDate(String(last))).map((period) => ({
        theme: String(theme),
        period,
      })),
    ),
  );
}

/**
 * Stages the periods to build as `published_weeks`: one row per theme, week and period containing it, so
 * the build joins the cube on equality (each cube row meets exactly its own four periods). A temp table,
 * made before the snapshot transaction because that transaction may write to the snapshot file only.
 */
/** Stages the periods' weeks in `published_weeks`; returns the distinct Mondays, for `publishedCountsSelect`. */
export async function stagePublishedPeriods(conn: DuckDBConnection, periods: readonly PublishedPeriod[]): Promise<string[]> {
  const rows = periods.flatMap(({ theme, period }) =>
    periodWeeks(period).map((week) => ({
      theme,
      week: mondayIsoDate(week),
      kind: period.kind,
      from: mondayIsoDate(period.from),
      to: mondayIsoDate(period.to),
    })),
  );
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE published_weeks AS
     SELECT theme, week::DATE AS week, kind AS period_kind, "from"::DATE AS period_from, "to"::DATE AS period_to
     FROM (SELECT unnest(from_json($1::JSON, '[{"theme":"VARCHAR","week":"VARCHAR","kind":"VARCHAR","from":"VARCHAR","to":"VARCHAR"}]'), recursive := true))`,
    [JSON.stringify(rows)],
  );
  return [...new Set(rows.map((r) => r.week))];
}

const PERIOD = 'theme, period_kind, period_from, period_to';
const SETS = ['wijk', 'gemeente', ''].flatMap((area) =>
  ['', 'category', 'source_kind', 'age_band'].map((split) => `(${[PERIOD, area, split].filter(Boolean).join(', ')})`),
);

/**
 * The published cells of the staged periods, built from the live cube in one grouped pass: for each
 * period, every wijk, gemeente and the region, in total and by category, source kind and age band. Each
 * cell's count is perturbed by its cell key (the sum of its records' keys, read through its noise key) and withheld below k
 * (domain/published). Only shown cells are stored: a missing row is `<k`, whether the cell is empty or
 * holds a few signals, so the snapshot file tells 0 from `<k` no more than the API does.
 */
export function publishedCountsSelect(k: number, weeks?: readonly string[]): string {
  return `WITH cells AS (
      SELECT w.theme, w.period_kind, w.period_from, w.period_to, c.wijk, a.gemeente_code AS gemeente,
             c.category, c.source_kind, c.age_band, c.n, c.key_sum
      FROM published_weeks w
      JOIN ${weeks ? cubeOfWeeks(weeks) : 'weekly_counts'} c ON c.theme = w.theme AND c.week = w.week
      JOIN areas a ON a.code = c.wijk
    ), grouped AS (
      SELECT ${PERIOD},
             CASE WHEN wijk IS NOT NULL THEN 'wijk' WHEN gemeente IS NOT NULL THEN 'gemeente' ELSE 'region' END AS level,
             coalesce(wijk, gemeente, '${REGION_AREA}') AS area,
             CASE WHEN category IS NOT NULL THEN 'category' WHEN source_kind IS NOT NULL THEN 'source'
                  WHEN age_band IS NOT NULL THEN 'ageBand' ELSE 'total' END AS dimension,
             coalesce(category, source_kind, age_band, '') AS value,
             sum(n) AS n, (sum(key_sum) % ${RECORD_KEY_SPACE})::BIGINT AS cell_key
      FROM cells
      GROUP BY GROUPING SETS (${SETS.join(', ')})
    )
    SELECT * FROM (
      SELECT theme, level, area, period_kind, period_from, period_to, dimension, value,
             (${publishedCountSql('n', 'noise_key', k)})::BIGINT AS count
      FROM (SELECT *, ${noiseKeySql('cell_key')} AS noise_key FROM grouped))
    WHERE count IS NOT NULL
    ORDER BY theme, period_kind, period_from, level, area, dimension, value`;
}

/**
 * The cube of the staged weeks only, named as constants: DuckDB pushes them into the scan of `cube_rows`
 * below the view's sum, where a join with `published_weeks` would sum the whole cube first (seconds per
 * snapshot once a backfill has filled years of weeks).
 */
function cubeOfWeeks(weeks: readonly string[]): string {
  if (weeks.length === 0) return '(SELECT * FROM weekly_counts WHERE false)';
  for (const week of weeks) if (!/^\d{4}-\d{2}-\d{2}$/.test(week)) throw new Error(`not a Monday date: ${week}`);
  return `(SELECT * FROM weekly_counts WHERE week IN (${weeks.map((w) => `DATE '${w}'`).join(', ')}))`;
}

/** Removes the staged periods' cells from a published table (before they are built again). */
export function deleteStagedPeriods(table: string): string {
  return `DELETE FROM ${table} t USING (SELECT DISTINCT ${PERIOD} FROM published_weeks) p
          WHERE t.theme = p.theme AND t.period_kind = p.period_kind AND t.period_from = p.period_from`;
}
