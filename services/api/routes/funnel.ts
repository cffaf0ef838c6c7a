import { OpenAPIHono } from '@hono/zod-openapi';
import { funnelResponse, type FunnelResponse } from '@wijksignaal/contracts/http';
import { publishedCells } from '../queries/published-cells.ts';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import { periodOfResponse } from '../analytics/period-of-response.ts';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { protectFunnel } from '../disclosure-views/protect-funnel.ts';
import { PUBLISHED_COUNTS_NOTE } from './published-counts-note.ts';
import { resolveGridPeriod, themePeriodQuery } from './query-params.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const funnelRoute = apiRoute({
  operationId: 'getFunnel',
  method: 'get',
  path: '/funnel',
  tags: ['Analytics'],
  summary: 'Every wijk against its size with 95% and 99.8% funnel limits, for rate and SMR',
  description: PUBLISHED_COUNTS_NOTE,
  request: { query: themePeriodQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: funnelResponse } } } },
});

/** The funnel plot of a theme over a grid period: every wijk's rate and SMR against its size, with 95%/99.8% limits. */
export function funnelRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(funnelRoute, async (c) => {
    const query = c.req.valid('query');
    const period = resolveGridPeriod(query, deps.now());
    const key = `funnel|${query.theme}|${period.from}|${period.to}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const settings = disclosureFor(snap, deps.disclosure);
      const figures = await loadWijkFigures(conn, { theme: query.theme, period });
      const [region] = await publishedCells(conn, {
        theme: query.theme,
        kind: period.kind,
        from: period.from,
        to: period.from,
        levels: ['region'],
        dimensions: ['total'],
      });
      return JSON.stringify({
        theme: query.theme,
        ...periodOfResponse(period),
        k: settings.k,
        ...protectFunnel(figures, settings, region?.count ?? null),
        snapshotSequence: snap.sequence,
      } satisfies FunnelResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
