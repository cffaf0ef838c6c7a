import { Hono } from 'hono';
import type { AreasResponse, SeriesResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { ProblemError } from '../http/problem.ts';
import { areaGeometry } from '../queries/area-geometry.ts';
import { areaSeries } from '../queries/area-series.ts';
import { listAreas } from '../queries/list-areas.ts';
import { areaPathParams, parseParams, resolveWeekRange, themeWeekRangeQuery } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

/** The wijken: the list, the map, and one wijk's weekly series. */
export function areaRoutes(deps: RouteDeps): Hono {
  const router = new Hono();
  // The map is the largest response and changes only when the area registry does; build it once per snapshot.
  let geometryCache: { fileName: string; body: Promise<string> } | null = null;

  router.get('/areas', async (c) => {
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const list = await listAreas(conn);
      return { ...list, snapshotSequence: snap.sequence } satisfies AreasResponse & { snapshotSequence: number };
    });
    return c.json(body);
  });

  router.get('/areas/geometry', async (c) => {
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      if (geometryCache?.fileName !== snap.fileName) {
        const pending = areaGeometry(conn);
        geometryCache = { fileName: snap.fileName, body: pending };
        pending.catch(() => {
          if (geometryCache?.body === pending) geometryCache = null;
        });
      }
      return geometryCache.body;
    });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  router.get('/areas/:code/series', async (c) => {
    const { code } = parseParams(areaPathParams, { code: c.req.param('code') });
    const query = parseParams(themeWeekRangeQuery, c.req.query());
    const now = deps.now();
    const range = resolveWeekRange(query, now);
    const body = await deps.snapshots.withSnapshot(async (conn, snap) => {
      const series = await areaSeries(conn, { code, theme: query.theme, ...range, currentWeek: isoWeekFromDate(now) });
      if (!series) throw new ProblemError(404, `wijk ${code} is not in the area registry; GET /api/v1/areas lists the known codes`);
      return { ...series, theme: query.theme, ...range, snapshotSequence: snap.sequence } satisfies SeriesResponse & {
        snapshotSequence: number;
      };
    });
    return c.json(body);
  });

  return router;
}
