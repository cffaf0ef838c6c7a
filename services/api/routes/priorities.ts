import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { prioritiesResponse, type PrioritiesResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { priorityPeriods } from '@wijksignaal/domain/priority/priority-periods';
import { DEFAULT_PRIORITY_WEIGHTS, reweightPriorities } from '@wijksignaal/domain/priority/priority-score';
import { periodOfResponse } from '../analytics/period-of-response.ts';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { protectPriorities } from '../disclosure-views/protect-priorities.ts';
import { listAreas } from '../queries/list-areas.ts';
import { storedPriorities } from '../queries/stored-priorities.ts';
import { themeParam } from './query-params.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);
const weight = z.preprocess(
  emptyAsMissing,
  z.coerce
    .number({ error: 'must be a number of at least 0, like 1 or 0.5' })
    .refine(Number.isFinite, { error: 'must be a number of at least 0, like 1 or 0.5' })
    .refine((w) => w >= 0, { error: 'must be a number of at least 0, like 1 or 0.5' })
    .optional(),
);

const prioritiesQuery = z.object({
  theme: z.preprocess(emptyAsMissing, themeParam.optional()),
  smrWeight: weight,
  trendWeight: weight,
  alarmWeight: weight,
});

const prioritiesRoute = apiRoute({
  operationId: 'getPriorities',
  method: 'get',
  path: '/priorities',
  tags: ['Analytics'],
  summary: 'The wijken ranked by where to act first, with the components of each score',
  description:
    "Scored by the pipeline from published counts (the latest complete quarter and 4-week periods); a theme's " +
    'figures are hidden (`x`) when its quarter count is withheld. With a weight the stored parts are weighted again.',
  request: { query: prioritiesQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: prioritiesResponse } } } },
});

/**
 * The ranked list of wijken to look at first. Without weights it is the ranking the pipeline stored; with
 * any of `smrWeight`, `trendWeight`, `alarmWeight` the stored unweighted parts are weighted again
 * (`reweightPriorities`, the missing weights at their defaults), so the list differs by the weights alone
 * and no count is read.
 */
export function priorityRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(prioritiesRoute, async (c) => {
    const query = c.req.valid('query');
    const reweighted = query.smrWeight !== undefined || query.trendWeight !== undefined || query.alarmWeight !== undefined;
    const weights = {
      smr: query.smrWeight ?? DEFAULT_PRIORITY_WEIGHTS.smr,
      trend: query.trendWeight ?? DEFAULT_PRIORITY_WEIGHTS.trend,
      alarms: query.alarmWeight ?? DEFAULT_PRIORITY_WEIGHTS.alarms,
    };
    const currentWeek = isoWeekFromDate(deps.now());
    const key = `priorities|${query.theme ?? ''}|${reweighted ? `${weights.smr}|${weights.trend}|${weights.alarms}` : 'stored'}|${currentWeek}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const settings = disclosureFor(snap, deps.disclosure);
      const stored = await storedPriorities(conn);
      const scored = reweighted ? reweightPriorities(stored, weights, query.theme) : stored;
      const { areas } = await listAreas(conn);
      return JSON.stringify({
        theme: query.theme ?? null,
        weights,
        reweighted,
        ...periodOfResponse(priorityPeriods(currentWeek).smr),
        k: settings.k,
        priorities: protectPriorities(scored, areas, query.theme ?? null, settings),
        snapshotSequence: snap.sequence,
      } satisfies PrioritiesResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
