import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { alarmEpisodeState, alarmEpisodesResponse, alarmHistoryResponse } from '@wijksignaal/contracts/alarm-history';
import type { ApiEnv } from '../auth/api-env.ts';
import { alarmEpisodesAnswer, alarmHistoryAnswer } from '../endpoints/alarm-history.ts';
import { apiRoute, apiRouter, jsonText, problemSchema } from '../http/api-route.ts';
import { areaPathParams, resolveWeekRange, themeParam, weekRangeParams } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);
const optionalTheme = z.preprocess(emptyAsMissing, themeParam.optional()).openapi({ description: 'One theme; all themes when absent' });

const historyRoute = apiRoute({
  operationId: 'getAreaAlarmHistory',
  method: 'get',
  path: '/areas/{code}/alarm-history',
  tags: ['Analytics'],
  summary: "One wijk's alarms as episodes: opened, updated, closed or withdrawn, every event kept",
  description:
    'The alarm events the pipeline appended (never rewritten), folded into episodes: per alarm its state, weeks, worst level, method and method version, and each event with the settings and consumed offsets it was computed from. No counts: those are in the series view.',
  request: { params: areaPathParams, query: z.object({ theme: optionalTheme }) },
  responses: {
    200: { description: 'The episodes, newest opened first', content: { 'application/json': { schema: alarmHistoryResponse } } },
    404: {
      description: 'The wijk code is not in the area registry',
      content: { 'application/problem+json': { schema: problemSchema } },
    },
  },
});

const episodesRoute = apiRoute({
  operationId: 'getAlarmEpisodes',
  method: 'get',
  path: '/alarm-episodes',
  tags: ['Analytics'],
  summary: 'The alarms of a period with their current state',
  description: 'Every alarm with a week in the period (opened before its end, not closed before its start), newest opened first.',
  request: {
    query: z.object({
      theme: optionalTheme,
      ...weekRangeParams,
      state: z
        .preprocess(emptyAsMissing, alarmEpisodeState.optional())
        .openapi({ description: 'Only alarms in this state (open, closed or withdrawn); all when absent' }),
    }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: alarmEpisodesResponse } } } },
});

/** The alarm history: per wijk, and the alarms of a period. */
export function alarmHistoryRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();
  router.openapi(historyRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { theme } = c.req.valid('query');
    const body = await deps.cache.answer(deps.snapshots, `alarm-history|${code}|${theme ?? ''}`, async (conn, snap) =>
      JSON.stringify({ ...(await alarmHistoryAnswer(conn, { code, theme })), snapshotSequence: snap.sequence }),
    );
    return jsonText(c, body);
  });
  router.openapi(episodesRoute, async (c) => {
    const query = c.req.valid('query');
    const range = resolveWeekRange(query, deps.now());
    const key = `alarm-episodes|${query.theme ?? ''}|${range.from}|${range.to}|${query.state ?? ''}`;
    const body = await deps.cache.answer(deps.snapshots, key, async (conn, snap) =>
      JSON.stringify({ ...(await alarmEpisodesAnswer(conn, { ...range, theme: query.theme, state: query.state })), snapshotSequence: snap.sequence }),
    );
    return jsonText(c, body);
  });
  return router;
}
