import type { OpenAPIHono } from '@hono/zod-openapi';
import { profileResponse, type ProfileResponse } from '@wijksignaal/contracts/http';
import { loadAreaProfile } from '../analytics/load-area-profile.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText, problemSchema } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import { areaPathParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const profileRoute = apiRoute({
  operationId: 'getAreaProfile',
  method: 'get',
  path: '/areas/{code}/profile',
  tags: ['Areas'],
  summary: "One wijk's breakdowns by category, source and age band, its comparison with gemeente and region, and its population",
  description:
    'Counts 1…k−1 are withheld as `<k`, and cells that would give one away as `x`; when the overview withholds the ' +
    "wijk's count, every breakdown cell is withheld too.",
  request: { params: areaPathParams, query: themeWeekRangeQuery },
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
    const range = resolveWeekRange(query, deps.now());
    const key = `profile|${code}|${query.theme}|${range.from}|${range.to}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const profile = await loadAreaProfile(conn, { code, theme: query.theme, ...range }, deps.disclosure);
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
