import type { DuckDBConnection } from '@duckdb/node-api';
import type { Theme } from '@wijksignaal/contracts/signal';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import type { Snapshot } from '../db/snapshot-reader.ts';
import type { RouteDeps } from '../routes/route-deps.ts';
import { areaGeometry } from '../queries/area-geometry.ts';
import { overviewAnswer } from './overview.ts';

/**
 * A costly answer named by data instead of a closure, so a worker thread can make it
 * (`answer-worker.ts`): the national overview and the map take hundreds of ms of JavaScript (figures,
 * JSON, gzip) that would otherwise block the API's one thread at every snapshot swap.
 */
export type WorkerRecipe =
  { endpoint: 'overview'; args: { theme: Theme; period: GridPeriod } } | { endpoint: 'geometry'; args: Record<string, never> };

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
  }
}
