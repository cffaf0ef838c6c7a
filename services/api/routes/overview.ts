import { OpenAPIHono } from '@hono/zod-openapi';
import { overviewResponse, type OverviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { alarmWindow } from '../analytics/alarm-window.ts';
import { SMR_UNKNOWN_AGE } from '../analytics/regional-smr.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import { protectedOverview } from './protected-overview.ts';
import { resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const overviewRoute = apiRoute({
  operationId: 'getOverview',
  method: 'get',
  path: '/overview',
  tags: ['Analytics'],
  summary: 'Every wijk for one theme and period: count, rate, SMR, alarm level and priority',
  description: 'Counts from 1 to k−1 and cells that would reveal them are withheld (`suppressed: true`).',
  request: { query: themeWeekRangeQuery },
  responses: { 200: { description: 'The wijken of the region', content: { 'application/json': { schema: overviewResponse } } } },
});

/** Per wijk: the count of a theme over a period, rate and SMR with intervals, alarm level and priority. */
export function overviewRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(overviewRoute, async (c) => {
    const query = c.req.valid('query');
    const now = deps.now();
    const range = resolveWeekRange(query, now);
    const alarmWeeks = alarmWindow(range, isoWeekFromDate(now));
    const key = `overview|${query.theme}|${range.from}|${range.to}|${alarmWeeks.to}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const { areas } = await protectedOverview(conn, snap, deps, { theme: query.theme, ...range });
      return JSON.stringify({
        theme: query.theme,
        ...range,
        populationLabel: THEME_POPULATION[query.theme].label,
        k: deps.disclosure.k,
        smrUnknownAge: SMR_UNKNOWN_AGE,
        alarmWeeks,
        areas,
        snapshotSequence: snap.sequence,
      } satisfies OverviewResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
