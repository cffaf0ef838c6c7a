import { OpenAPIHono } from '@hono/zod-openapi';
import { overviewResponse, type AlarmLevelValue, type OverviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { worstLevel } from '../../../pipelines/analyse/detect-series.ts';
import { alarmWindow } from '../analytics/alarm-window.ts';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import { SMR_UNKNOWN_AGE } from '../analytics/regional-smr.ts';
import { protectOverview } from '../disclosure-views/protect-overview.ts';
import { protectPriorities } from '../disclosure-views/protect-priorities.ts';
import { alarmLevels } from '../queries/alarm-levels.ts';
import { storedPriorities } from '../queries/stored-priorities.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
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
    const body = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, key, async () => {
        const figures = await loadWijkFigures(conn, { theme: query.theme, ...range });
        const levels = new Map<string, AlarmLevelValue[]>();
        for (const { wijk, level } of await alarmLevels(conn, { theme: query.theme, ...alarmWeeks })) {
          levels.set(wijk, [...(levels.get(wijk) ?? []), level]);
        }
        // The stored ranking is the same for every theme and period: protected once per snapshot.
        const priorities = await deps.cache.get(snap, 'overview-priority-cells', async () => {
          const list = protectPriorities(await storedPriorities(conn), figures, null, deps.disclosure);
          return new Map(list.map((p) => [p.code, { rank: p.rank, score: p.score }]));
        });
        const areas = protectOverview(
          figures,
          new Map([...levels].map(([wijk, l]) => [wijk, worstLevel(l)])),
          priorities,
          deps.disclosure,
        );
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
      }),
    );
    return jsonText(c, body);
  });
  return router;
}
