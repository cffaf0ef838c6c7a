import { Hono } from 'hono';
import type { AreasResponse, SeriesResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { ProblemError } from '../http/problem.ts';
import { areaGeometry } from '../queries/area-geometry.ts';
import { seriesWithVerdicts } from '../analytics/series-with-verdicts.ts';
import { areaSeries } from '../queries/area-series.ts';
import { listAreas } from '../queries/list-areas.ts';
import { areaPathParams, parseParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The wijken: the list, the map, and one wijk's weekly series. */
export function areaRoutes(deps: RouteDeps): Hono {
  const router = new Hono();

  router.get('/areas', async (c) => {
    const body = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, 'areas', async () => {
        const list = await listAreas(conn);
        return JSON.stringify({ ...list, snapshotSequence: snap.sequence } satisfies AreasResponse & {
          snapshotSequence: number;
        });
      }),
    );
    return c.body(body, 200, JSON_TYPE);
  });

  // The map is the largest response (~3 MB nationally); it is spliced from stored GeoJSON text.
  router.get('/areas/geometry', async (c) => {
    const body = await deps.snapshots.withSnapshot((conn, snap) => deps.cache.get(snap, 'geometry', () => areaGeometry(conn)));
    return c.body(body, 200, JSON_TYPE);
  });

  router.get('/areas/:code/series', async (c) => {
    const { code } = parseParams(areaPathParams, { code: c.req.param('code') });
    const query = parseParams(themeWeekRangeQuery, c.req.query());
    const now = deps.now();
    const range = resolveWeekRange(query, now);
    const currentWeek = isoWeekFromDate(now);
    const key = `series|${code}|${query.theme}|${range.from}|${range.to}|${currentWeek}`;
    const body = await deps.snapshots.withSnapshot((conn, snap) =>
      deps.cache.get(snap, key, async () => {
        const series = await areaSeries(conn, { code, theme: query.theme, ...range, currentWeek });
        if (!series)
          throw new ProblemError(404, `wijk ${code} is not in the area registry; GET /api/v1/areas lists the known codes`);
        const weeks = await seriesWithVerdicts(conn, { code, theme: query.theme, ...range }, series.weeks, deps.disclosure);
        return JSON.stringify({
          ...series,
          weeks,
          theme: query.theme,
          ...range,
          snapshotSequence: snap.sequence,
        } satisfies SeriesResponse & {
          snapshotSequence: number;
        });
      }),
    );
    return c.body(body, 200, JSON_TYPE);
  });

  return router;
}
