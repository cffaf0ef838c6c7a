import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { bandPopulation } from '../queries/band-population.ts';
import { overview } from '../queries/overview.ts';
import { periodAgeCounts } from '../queries/period-age-counts.ts';
import { wijkFigures, type WijkFigures } from './wijk-figures.ts';

/** Three grouped queries for every wijk at once (never one per wijk), then the arithmetic. */
export async function loadWijkFigures(
  conn: DuckDBConnection,
  params: { theme: Theme; from: IsoWeek; to: IsoWeek },
): Promise<WijkFigures[]> {
  const areas = await overview(conn, params);
  const ageCounts = await periodAgeCounts(conn, params);
  const population = await bandPopulation(conn);
  return wijkFigures(params.theme, areas, ageCounts, population);
}
