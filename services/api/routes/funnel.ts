import { Hono } from 'hono';
import type { FunnelResponse } from '@wijksignaal/contracts/http';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import { protectFunnel } from '../disclosure-views/protect-funnel.ts';
import { parseParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

/** The funnel plot of a theme over a period: every wijk's rate and SMR against its size, with 95%/99.8% limits. */
export function funnelRoutes(deps: RouteDeps): Hono {
  const router = new Hono();
  router.get('/funnel', async (c) => {
    const query = parseParams(themeWeekRangeQuery, c.req.query());
    const range = resolveWeekRange(query, deps.now());
    const key = `funnel|${query.theme}|${range.from}|${range.to}`;
    const body = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, key, async () => {
        const figures = await loadWijkFigures(conn, { theme: query.theme, ...range });
        return JSON.stringify({
          theme: query.theme,
          ...range,
          k: deps.disclosure.k,
          ...protectFunnel(figures, deps.disclosure),
          snapshotSequence: snap.sequence,
        } satisfies FunnelResponse & { snapshotSequence: number });
      }),
    );
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return router;
}
