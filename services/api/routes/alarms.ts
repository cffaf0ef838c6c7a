import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Theme } from '@wijksignaal/contracts/signal';
import { alarmsResponse, type AlarmsResponse } from '@wijksignaal/contracts/http';
import { isoWeeksBetween } from '@wijksignaal/contracts/iso-week';
import { levelSeverity } from '@wijksignaal/domain/priority/alarm-level';
import { weekVerdict } from '@wijksignaal/domain/priority/week-verdict';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { protectAlarms } from '../disclosure-views/protect-alarms.ts';
import { alarmRows, type StoredAlarmRow } from '../queries/alarm-rows.ts';
import { alarmEpisodeIds } from '../queries/alarm-episode-ids.ts';
import { currentTriage } from '../queries/alarm-triage-rows.ts';
import { alarmId as episodeId } from '@wijksignaal/contracts/alarm-event';
import { listAreas } from '../queries/list-areas.ts';
import { resolveWeekRange, themeParam, weekRangeParams } from './query-params.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter, jsonText } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);

const alarmsQuery = z.object({
  theme: z.preprocess(emptyAsMissing, themeParam.optional()),
  ...weekRangeParams,
  level: z.preprocess(
    emptyAsMissing,
    z.enum(['amber', 'red'], { error: 'must be amber (amber and red alarms) or red (red only)' }).default('amber'),
  ),
});

const alarmsRoute = apiRoute({
  operationId: 'getAlarms',
  method: 'get',
  path: '/alarms',
  tags: ['Analytics'],
  summary: 'Active alarms of a period, newest first',
  description:
    "Each alarm's observed count is the published weekly count detection ran on (perturbed, withheld below k as `<k`).",
  request: { query: alarmsQuery },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: alarmsResponse } } } },
});

/**
 * Active alarms of a period, newest first: one entry per wijk, theme and week, with the verdict the series
 * view shows for that week (the worst level any method gave). `level=red` keeps only red ones.
 */
export function alarmRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(alarmsRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const key = `alarms|${query.theme ?? ''}|${range.from}|${range.to}|${query.level}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) => {
      const levels = query.level === 'red' ? (['red'] as const) : (['amber', 'red'] as const);
      const grouped = new Map<string, StoredAlarmRow[]>();
      for (const row of await alarmRows(conn, { ...range, theme: query.theme, levels })) {
        const k = `${row.wijk}|${row.theme}|${row.week}`;
        grouped.set(k, [...(grouped.get(k) ?? []), row]);
      }
      const verdicts = [...grouped.values()].map(weekVerdict).filter((v): v is StoredAlarmRow => v !== null);
      verdicts.sort(
        (a, b) =>
          isoWeeksBetween(a.week, b.week) ||
          levelSeverity(b.level) - levelSeverity(a.level) ||
          (a.wijk < b.wijk ? -1 : a.wijk > b.wijk ? 1 : a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
      );
      const settings = disclosureFor(snap, deps.disclosure);
      const areas = new Map((await listAreas(conn)).areas.map((a) => [a.code, a]));
      // Each alarm's episode and its newest triage mark, from the same snapshot as the verdicts.
      const episodes = await alarmEpisodeIds(conn, { ...range, theme: query.theme });
      const ids = verdicts.map(
        (v) => episodes.get(`${v.wijk}|${v.theme}|${v.week}`) ?? episodeId(v.wijk, v.theme as Theme, v.week),
      );
      const marks = await currentTriage(conn, ids);
      const alarms = protectAlarms(verdicts, areas, settings).map((entry, i) => ({
        ...entry,
        alarmId: ids[i]!,
        triage: marks.get(ids[i]!) ?? null,
      }));
      return JSON.stringify({
        theme: query.theme ?? null,
        ...range,
        level: query.level,
        k: settings.k,
        alarms,
        snapshotSequence: snap.sequence,
      } satisfies AlarmsResponse & { snapshotSequence: number });
    });
    return jsonText(c, body);
  });
  return router;
}
