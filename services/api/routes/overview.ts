import { Hono } from 'hono';
import type { OverviewResponse } from '@wijksignaal/contracts/http';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { overview } from '../queries/overview.ts';
import { parseParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

/** Per wijk: the count of a theme over a period, its population and the rate per 1,000. */
export function overviewRoutes(deps: RouteDeps): Hono {
  const router = new Hono();

  router.get('/overview', async (c) => {
    const query = parseParams(themeWeekRangeQuery, c.req.query());
    const range = resolveWeekRange(query, deps.now());
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const areas = await overview(conn, { theme: query.theme, ...range });
      return {
        theme: query.theme,
        ...range,
        populationLabel: THEME_POPULATION[query.theme].label,
        areas,
        snapshotSequence: snap.sequence,
      } satisfies OverviewResponse & { snapshotSequence: number };
    });
    return c.json(body);
  });

  return router;
}
