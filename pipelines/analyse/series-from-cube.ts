import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, isoWeekRange, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { noiseKeySql } from '@wijksignaal/domain/published/noise-key';
import { withheldStandIn, publishedCountSql, RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import type { WeeklyPoint } from '../detect/weekly-series.ts';

/**
 * Weekly series per wijk × theme, as published: each week's count is the published (perturbed) count of
 * that wijk-week cell, built by the same rule as the snapshot's `published_counts` (domain/published), and
 * a week that is not shown (withheld or empty: published data does not tell them apart) is
 * `withheldStandIn(k)`. Detection therefore derives expected values, thresholds and
 * alarms from published numbers only, and can give nothing away that the weekly counts do not. A series starts at the first week its theme has
 * data anywhere in the region (the partner's first delivery), not at the wijk's own first signal: a
 * wijk that had nothing for months really had zero cases, and starting later would hide that history
 * from the detectors. It never reaches back more than `historyWeeks`, because no method looks further.
 */

export interface CubeSeries {
  key: string;
  wijk: string;
  theme: string;
  series: WeeklyPoint[];
}

export interface SeriesWindow {
  /** The running ISO week: the last point, marked partial. */
  currentWeek: IsoWeek;
  /** Longest history handed to the detectors, the current week included. */
  historyWeeks: number;
  /** First week with data per theme, from earlier reads; merged with what this read finds. */
  themeStarts?: ReadonlyMap<string, IsoWeek>;
}

/** Weekly totals of one series over the window's weeks (zero where the cube has no row). */
export interface DenseSeriesRow {
  wijk: string;
  theme: string;
  /** Index into the window's weeks of the first week with a cube row. */
  first: number;
  counts: Float64Array;
}

/** A SQL list literal of distinct texts (quotes doubled). */
function sqlTextList(values: readonly string[]): string {
  return `[${[...new Set(values)].map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
}

export function seriesKey(wijk: string, theme: string): string {
  return `${wijk}|${theme}`;
}

/** The weeks of the window, oldest first; the last one is the running week. */
export function windowWeeks(window: Pick<SeriesWindow, 'currentWeek' | 'historyWeeks'>): IsoWeek[] {
  return isoWeekRange(addIsoWeeks(window.currentWeek, -(window.historyWeeks - 1)), window.currentWeek);
}

/**
 * Pure: where each theme's series start (index into the window's weeks), from earlier reads' starts and
 * the first week with a cube row of each series; see the module comment for why per theme.
 */
export function seriesStarts(
  rows: readonly DenseSeriesRow[],
  window: SeriesWindow,
): { startIndex: Map<string, number>; themeStarts: Map<string, IsoWeek> } {
  const weeks = windowWeeks(window);
  const startIndex = new Map<string, number>();
  for (const [theme, week] of window.themeStarts ?? []) {
    // Labels are zero-padded, so text order is week order.
    const index = week <= (weeks[0] as IsoWeek) ? 0 : weeks.indexOf(week);
    if (index >= 0) startIndex.set(theme, index);
  }
  for (const row of rows) {
    const seen = startIndex.get(row.theme);
    if (seen === undefined || row.first < seen) startIndex.set(row.theme, row.first);
  }
  const themeStarts = new Map(window.themeStarts ?? []);
  for (const [theme, index] of startIndex) themeStarts.set(theme, weeks[index] as IsoWeek);
  return { startIndex, themeStarts };
}

/**
 * Pure: zero-filled series (the same points `buildWeeklySeries` gives, which a unit test checks), built
 * from dense rows because ISO week arithmetic per point dominated a national run.
 */
export function seriesFromRows(
  rows: readonly DenseSeriesRow[],
  window: SeriesWindow,
): { series: CubeSeries[]; themeStarts: Map<string, IsoWeek> } {
  const weeks = windowWeeks(window);
  const { startIndex, themeStarts } = seriesStarts(rows, window);
  const series = rows.map((row): CubeSeries => ({
    key: seriesKey(row.wijk, row.theme),
    wijk: row.wijk,
    theme: row.theme,
    series: weeklyPoints(weeks, row.counts, startIndex.get(row.theme) ?? row.first),
  }));
  return { series, themeStarts };
}

/** The points of one dense series from week index `from` on; the last week of the window is partial. */
export function weeklyPoints(weeks: readonly IsoWeek[], counts: ArrayLike<number>, from: number): WeeklyPoint[] {
  const points: WeeklyPoint[] = new Array(weeks.length - from);
  for (let i = from; i < weeks.length; i++) {
    points[i - from] = { week: weeks[i] as IsoWeek, count: counts[i] as number, partial: i === weeks.length - 1 };
  }
  return points;
}

/**
 * One query for all requested series (never one per series): the weekly totals over categories,
 * sources and age bands. Each series comes back as one text of "weekIndex count" pairs: turning
 * DuckDB lists into JavaScript arrays value by value cost more than the whole aggregation.
 */
export async function readDenseSeries(
  conn: DuckDBConnection,
  keys: ReadonlySet<string> | 'all',
  window: Pick<SeriesWindow, 'currentWeek' | 'historyWeeks'>,
  k: number,
): Promise<DenseSeriesRow[]> {
  if (keys !== 'all' && keys.size === 0) return [];
  const weeks = windowWeeks(window);
  // Constant lists of the wanted wijken and themes, which DuckDB pushes into the scan of the cube's rows;
  // the pairs are picked below. A join with the wanted keys (or any test on wijk || theme) came only after
  // the whole cube was summed: a third of a second for 1% of the series.
  const wanted =
    keys === 'all'
      ? ''
      : `AND list_contains(${sqlTextList([...keys].map((k) => k.split('|')[0] ?? ''))}, c.wijk)
         AND list_contains(${sqlTextList([...keys].map((k) => k.split('|')[1] ?? ''))}, c.theme)`;
  const params: string[] = [mondayIsoDate(weeks[0] as IsoWeek), mondayIsoDate(window.currentWeek)];
  // Straight from `cube_rows`, not through the `weekly_counts` view: a wijk-theme-week sums its cells' rows
  // either way, and the key sum mod 2^32 of all of them is the sum of the cells' sums mod 2^32, so the
  // numbers are the view's; skipping the view's per-cell grouping halves the read of a national run.
  const reader = await conn.runAndReadAll(
    `SELECT wijk, theme, string_agg(i::VARCHAR || ' ' || coalesce(${publishedCountSql('n', 'noise_key', k)}, ${withheldStandIn(k)})::VARCHAR, ' ')
     FROM (SELECT *, ${noiseKeySql('cell_key')} AS noise_key
           FROM (SELECT c.wijk, c.theme, (date_diff('day', $1::DATE, c.week) // 7)::INTEGER AS i, sum(c.n) AS n,
                        (sum(c.key_sum) % ${RECORD_KEY_SPACE})::BIGINT AS cell_key
                 FROM cube_rows c WHERE c.week >= $1::DATE AND c.week <= $2::DATE ${wanted}
                 GROUP BY c.wijk, c.theme, c.week))
     GROUP BY wijk, theme`,
    params,
  );
  const columns = reader.getColumnsJS() as string[][];
  const standIn = withheldStandIn(k);
  const emptyCounts = () => new Float64Array(weeks.length).fill(standIn);
  // DuckDB gives no columns at all (not empty ones) when no row falls in the window: an empty cube.
  const [wijken = [], themes = [], pairs = []] = columns as [string[], string[], string[]];
  const rows: DenseSeriesRow[] = [];
  wijken.forEach((wijk, r) => {
    if (keys !== 'all' && !keys.has(seriesKey(wijk, themes[r] as string))) return;
    const parts = (pairs[r] as string).split(' ');
    const counts = emptyCounts();
    let first = weeks.length - 1;
    for (let p = 0; p < parts.length; p += 2) {
      const i = Number(parts[p]);
      counts[i] = Number(parts[p + 1]);
      if (i < first) first = i;
    }
    rows.push({ wijk, theme: themes[r] as string, first, counts });
  });
  if (keys === 'all') {
    // Every wijk of the registry gets a series of each theme that has data anywhere: an empty week reads as
    // `<k` like any withheld one, so which wijken have signals at all is not told by which have a series.
    const present = new Set(rows.map((r) => `${r.wijk}|${r.theme}`));
    const codes = (await conn.runAndReadAll('SELECT code FROM areas')).getRowsJS().map((r) => String(r[0]));
    for (const theme of new Set(themes)) {
      for (const wijk of codes) {
        if (!present.has(`${wijk}|${theme}`)) rows.push({ wijk, theme, first: weeks.length - 1, counts: emptyCounts() });
      }
    }
  }
  // Sorted so every run hands the series over in the same order.
  return rows.sort((a, b) => (a.wijk < b.wijk ? -1 : a.wijk > b.wijk ? 1 : a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
}
