import { OpenAPIHono } from '@hono/zod-openapi';
import { areaGeometryResponse, areasResponse, seriesResponse, type AreasResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { ApiEnv } from '../auth/api-env.ts';
import { seriesAnswer } from '../endpoints/series.ts';
import { apiRoute, apiRouter, jsonText, problemSchema } from '../http/api-route.ts';
import { areaGeometry } from '../queries/area-geometry.ts';
import { listAreas } from '../queries/list-areas.ts';
import { areaPathParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const areasRoute = apiRoute({
  operationId: 'getAreas',
  method: 'get',
  path: '/areas',
  tags: ['Areas'],
  summary: 'The wijken of the region with their gemeente and residents',
  responses: { 200: { description: 'The area registry', content: { 'application/json': { schema: areasResponse } } } },
});

const geometryRoute = apiRoute({
  operationId: 'getAreaGeometry',
  method: 'get',
  path: '/areas/geometry',
  tags: ['Areas'],
  summary: 'The wijk boundaries as GeoJSON, for the map',
  responses: {
    200: { description: 'A GeoJSON FeatureCollection', content: { 'application/json': { schema: areaGeometryResponse } } },
  },
});

const seriesRoute = apiRoute({
  operationId: 'getAreaSeries',
  method: 'get',
  path: '/areas/{code}/series',
  tags: ['Areas'],
  summary: "One wijk's weekly counts of a theme with expected value, threshold and alarms",
  description:
    'One published weekly cell per week (perturbed, withheld below k as `<k`), with the verdict detection stored for it.',
  request: { params: areaPathParams, query: themeWeekRangeQuery },
  responses: {
    200: { description: 'The weekly series', content: { 'application/json': { schema: seriesResponse } } },
    404: {
      description: 'The wijk code is not in the area registry',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
});

/** The wijken: the list, the map, and one wijk's weekly series. */
export function areaRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(areasRoute, async (c) => {
    const body = await deps.cache.answer(deps.snapshots, 'areas', async (conn, snap) => {
      const list = await listAreas(conn);
      return JSON.stringify({ ...list, snapshotSequence: snap.sequence } satisfies AreasResponse & {
        snapshotSequence: number;
      });
    });
    return jsonText(c, body);
  });

  // The map is the largest response (~3 MB nationally); it is spliced from stored GeoJSON text.
  router.openapi(geometryRoute, async (c) => {
    const body = await deps.cache.answer(deps.snapshots, 'geometry', (conn) => areaGeometry(conn), {
      endpoint: 'geometry',
      args: {},
    });
    return jsonText(c, body);
  });

  router.openapi(seriesRoute, async (c) => {
    const { code } = c.req.valid('param');
    const query = c.req.valid('query');
    const now = deps.now();
    const range = resolveWeekRange(query, now);
    const currentWeek = isoWeekFromDate(now);
    const key = `series|${code}|${query.theme}|${range.from}|${range.to}|${currentWeek}`;
    const args = { code, theme: query.theme, ...range, currentWeek };
    const body = await deps.cache.answer(deps.snapshots, key, (conn, snap) => seriesAnswer(conn, snap, deps, args), {
      endpoint: 'series',
      args,
    });
    return jsonText(c, body);
  });

  return router;
}
