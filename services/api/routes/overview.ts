import { OpenAPIHono } from '@hono/zod-openapi';
import { overviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { alarmWindow } from '../analytics/alarm-window.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { overviewAnswer } from '../endpoints/overview.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import { PUBLISHED_COUNTS_NOTE } from './published-counts-note.ts';
import { resolveGridPeriod, themePeriodQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const overviewRoute = apiRoute({
  operationId: 'getOverview',
  method: 'get',
  path: '/overview',
  tags: ['Analytics'],
  summary: 'Every wijk for one theme and grid period, as columns: count, rate, SMR, alarm level and priority',
  description: PUBLISHED_COUNTS_NOTE,
  request: { query: themePeriodQuery },
  responses: { 200: { description: 'The wijken of the region', content: { 'application/json': { schema: overviewResponse } } } },
});

/** Per wijk: the published count of a theme over a grid period, rate and SMR with intervals, alarm level and priority. */
export function overviewRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(overviewRoute, async (c) => {
    const query = c.req.valid('query');
    const now = deps.now();
    const period = resolveGridPeriod(query, now);
    // The alarm weeks move with the clock when the period holds the running week.
    const key = `overview|${query.theme}|${period.from}|${period.to}|${alarmWindow(period, isoWeekFromDate(now)).to}`;
    const args = { theme: query.theme, period };
    const body = await deps.cache.answer(deps.snapshots, key, (conn, snap) => overviewAnswer(conn, snap, deps, args), {
      endpoint: 'overview',
      args,
    });
    return jsonText(c, body);
  });
  return router;
}
