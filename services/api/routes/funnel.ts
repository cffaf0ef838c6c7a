import { OpenAPIHono } from '@hono/zod-openapi';
import { funnelResponse, type FunnelResponse } from '@wijksignaal/contracts/http';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import { protectFunnel } from '../disclosure-views/protect-funnel.ts';
import { resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const funnelRoute = apiRoute({
  operationId: 'getFunnel',
  method: 'get',
  path: '/funnel',
  tags: ['Analytics'],
  summary: 'Every wijk against its size with 95% and 99.8% funnel limits, for rate and SMR',
  request: { query: themeWeekRangeQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: funnelResponse } } } },
});

/** The funnel plot of a theme over a period: every wijk's rate and SMR against its size, with 95%/99.8% limits. */
export function funnelRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(funnelRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const key = `funnel|${query.theme}|${range.from}|${range.to}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const figures = await loadWijkFigures(conn, { theme: query.theme, ...range });
      return JSON.stringify({
        theme: query.theme,
        ...range,
        k: deps.disclosure.k,
        ...protectFunnel(figures, deps.disclosure),
        snapshotSequence: snap.sequence,
      } satisfies FunnelResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
