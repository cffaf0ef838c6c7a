import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import type { Snapshot } from '../db/snapshot-reader.ts';
import type { RouteDeps } from '../routes/route-deps.ts';
import { areaGeometry } from '../queries/area-geometry.ts';
import { overviewAnswer } from './overview.ts';
import { seriesAnswer } from './series.ts';

/**
 * An answer named by data instead of a closure, so a worker thread can make it (`answer-worker.ts`): the
 * national overview and the map take hundreds of ms of JavaScript (figures, JSON, gzip) that would
 * otherwise block the API's one thread at every snapshot swap, and a wijk's series, cheap to make, is
 * asked by every open wijk page right after a swap: made ahead, those requests are fast answers too.
 */
export type WorkerRecipe =
  | { endpoint: 'overview'; args: { theme: Theme; period: GridPeriod } }
  | { endpoint: 'geometry'; args: Record<string, never> }
  | { endpoint: 'series'; args: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek; currentWeek: IsoWeek } };

/** What an endpoint's answer needs besides the snapshot: the clock and the API's disclosure settings. */
export type WorkerAnswerDeps = Pick<RouteDeps, 'now' | 'disclosure' | 'cache'>;

/** The answer's JSON text, made by the same endpoint code as on request. */
export function workerAnswer(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: WorkerAnswerDeps,
  recipe: WorkerRecipe,
): Promise<string> {
  switch (recipe.endpoint) {
    case 'overview':
      return overviewAnswer(conn, snap, deps, recipe.args);
    case 'geometry':
      return areaGeometry(conn);
    case 'series':
      return seriesAnswer(conn, snap, deps, recipe.args);
  }
}
