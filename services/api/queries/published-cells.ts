import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { PublishedDimension, PublishedLevel } from '@wijksignaal/contracts/snapshot';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { PeriodKind } from '@wijksignaal/domain/published/period-grid';

/** One row of the snapshot's `published_counts`: a cell as the pipeline published it. */
export interface PublishedCell {
  level: PublishedLevel;
  area: string;
  /** The first week of the cell's period. */
  period: IsoWeek;
  dimension: PublishedDimension;
  /** '' for the total. */
  value: string;
  /** Already perturbed (at least k); null would be withheld, as a missing row is. */
  count: number | null;
}

export interface PublishedCellsQuery {
  theme: Theme;
  kind: PeriodKind;
  /** Cells of the periods of `kind` that start in `from`..`to` (one grid period: its first week twice). */
  from: IsoWeek;
  to: IsoWeek;
  levels: readonly PublishedLevel[];
  dimensions: readonly PublishedDimension[];
  /** Only these area codes (a wijk, a gemeente, `region`); every area when absent. */
  areas?: readonly string[];
}

/**
 * The published cells a view shows, straight from `published_counts`: the only counts a snapshot holds.
 * A cell without a row is withheld (`<k`: empty or a few signals, the file does not say which). Every view
 * reads its numbers here, so the same cell is the same number in every view and export.
 */
export async function publishedCells(conn: DuckDBConnection, query: PublishedCellsQuery): Promise<PublishedCell[]> {
  const reader = await conn.runAndReadAll(
    `SELECT level, area, strftime(period_from, '%Y-%m-%d') AS monday, dimension, value, CAST(count AS DOUBLE) AS count
     FROM published_counts
     WHERE theme = $theme AND period_kind = $kind AND period_from BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
       AND list_contains(string_split($levels, ','), level) AND list_contains(string_split($dimensions, ','), dimension)
       AND ($areas IS NULL OR list_contains(string_split($areas, ','), area))
     ORDER BY period_from, level, area, dimension, value`,
    {
      theme: query.theme,
      kind: query.kind,
      from: mondayIsoDate(query.from),
      to: mondayIsoDate(query.to),
      levels: query.levels.join(','),
      dimensions: query.dimensions.join(','),
      areas: query.areas ? query.areas.join(',') : null,
    },
  );
  return reader.getRowsJS().map(([level, area, monday, dimension, value, count]) => ({
    level: String(level) as PublishedLevel,
    area: String(area),
    period: isoWeekFromMondayDate(String(monday)),
    dimension: String(dimension) as PublishedDimension,
    value: String(value),
    count: count === null ? null : Number(count),
  }));
}

/** The cells of one period by `level|area|dimension|value`, to look up (absent: withheld). */
export function cellsByAddress(cells: readonly PublishedCell[]): Map<string, number | null> {
  return new Map(cells.map((c) => [cellAddress(c.level, c.area, c.dimension, c.value), c.count]));
}

export function cellAddress(level: PublishedLevel, area: string, dimension: PublishedDimension = 'total', value = ''): string {
  return `${level}|${area}|${dimension}|${value}`;
}
