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
    const key = `overview|${query.theme}|${range.from}|${range.to}`;
    const body = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, key, async () => {
        const areas = await overview(conn, { theme: query.theme, ...range });
        return JSON.stringify({
          theme: query.theme,
          ...range,
          populationLabel: THEME_POPULATION[query.theme].label,
          areas,
          snapshotSequence: snap.sequence,
        } satisfies OverviewResponse & { snapshotSequence: number });
      }),
    );
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  return router;
}
