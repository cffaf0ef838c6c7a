import type { OpenAPIHono } from '@hono/zod-openapi';
import { profileResponse, type ProfileResponse } from '@wijksignaal/contracts/http';
import { loadAreaProfile } from '../analytics/load-area-profile.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText, problemSchema } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { PUBLISHED_COUNTS_NOTE } from './published-counts-note.ts';
import { areaPathParams, resolveGridPeriod, themePeriodQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const profileRoute = apiRoute({
  operationId: 'getAreaProfile',
  method: 'get',
  path: '/areas/{code}/profile',
  tags: ['Areas'],
  summary: "One wijk's breakdowns by category, source and age band, its comparison with gemeente and region, and its population",
  description: `${PUBLISHED_COUNTS_NOTE} Every breakdown value is a published cell of its own, so the parts need not add up to the total.`,
  request: { params: areaPathParams, query: themePeriodQuery },
  responses: {
    200: { description: 'The wijk profile', content: { 'application/json': { schema: profileResponse } } },
    404: {
      description: 'The wijk code is not in the area registry',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
});

/** The wijk page's second half: what the signals of a theme consist of, and how the wijk compares. */
export function areaProfileRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(profileRoute, async (c) => {
    const { code } = c.req.valid('param');
    const query = c.req.valid('query');
    const period = resolveGridPeriod(query, deps.now());
    const key = `profile|${code}|${query.theme}|${period.from}|${period.to}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const profile = await loadAreaProfile(conn, { code, theme: query.theme, period }, disclosureFor(snap, deps.disclosure));
      if (!profile)
        throw new ProblemError(404, `wijk ${code} is not in the area registry; GET /api/v1/areas lists the known codes`);
      return JSON.stringify({ ...profile, snapshotSequence: snap.sequence } satisfies ProfileResponse & {
        snapshotSequence: number;
      });
    });
    return jsonText(c, body);
  });

  return router;
}
