import type { DuckDBConnection } from '@duckdb/node-api';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { bandPopulation } from '../queries/band-population.ts';
import { publishedCells } from '../queries/published-cells.ts';
import { themeAreas } from '../queries/theme-areas.ts';
import { wijkFigures, type WijkFigures } from './wijk-figures.ts';

/**
 * Every wijk's published total of one grid period with its rate and SMR: grouped reads of the published
 * table for all wijken at once (never one per wijk), then the arithmetic.
 */
export async function loadWijkFigures(
  conn: DuckDBConnection,
  params: { theme: Theme; period: GridPeriod },
): Promise<WijkFigures[]> {
  const { theme, period } = params;
  const cellsOf = (level: 'wijk' | 'region', dimension: 'total' | 'ageBand') =>
    publishedCells(conn, {
      theme,
      kind: period.kind,
      from: period.from,
      to: period.from,
      levels: [level],
      dimensions: [dimension],
    });
  const wijk = new Map((await cellsOf('wijk', 'total')).map((c) => [c.area, c.count]));
  const regionByAgeBand = new Map((await cellsOf('region', 'ageBand')).map((c) => [c.value, c.count ?? 0]));
  return wijkFigures(theme, await themeAreas(conn, theme), { wijk, regionByAgeBand }, await bandPopulation(conn));
}
