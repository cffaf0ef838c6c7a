import { OpenAPIHono, z } from '@hono/zod-openapi';
import { alarmExplanationResponse, detectionMethodsResponse } from '@wijksignaal/contracts/alarm-explanation';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { ApiEnv } from '../auth/api-env.ts';
import { alarmExplanationAnswer } from '../endpoints/alarm-explanation.ts';
import { detectionMethodsAnswer } from '../endpoints/detection-methods.ts';
import { apiRoute, apiRouter, jsonText, problemSchema } from '../http/api-route.ts';
import { themeParam, weekParam, wijkCodeParam } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

const themeQuery = z.object({ theme: themeParam });
const notFound = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

const methodsRoute = apiRoute({
  operationId: 'getAreaDetectionMethods',
  method: 'get',
  path: '/areas/{code}/detection-methods',
  tags: ['Areas'],
  summary: 'Which detection methods run for a wijk’s series of a theme, and why',
  description:
    'Per method whether it runs for the history the series has (complete weeks; 7 for EARS and CUSUM, 78 for Farrington) and why, in Dutch and English. No counts.',
  request: { params: z.object({ code: wijkCodeParam }), query: themeQuery },
  responses: {
    200: { description: 'The method choice', content: { 'application/json': { schema: detectionMethodsResponse } } },
    404: notFound('The wijk code is not in the area registry'),
  },
});

const explanationRoute = apiRoute({
  operationId: 'getAlarmExplanation',
  method: 'get',
  path: '/areas/{code}/alarm-explanations/{week}',
  tags: ['Areas'],
  summary: 'Why a wijk’s week of a theme is an alarm, method by method',
  description:
    'For an alarm week (amber or red): per method whether it fired, its level, the baseline weeks used and the weeks left out and why, the published cell (`<k` when withheld), expected value and threshold as the series shows them, p-value or score, parameters and version, and a sentence in Dutch and English.',
  request: {
    params: z.object({ code: wijkCodeParam, week: weekParam.openapi({ example: '2025-W07' }) }),
    query: themeQuery,
  },
  responses: {
    200: { description: 'The explanation', content: { 'application/json': { schema: alarmExplanationResponse } } },
    404: notFound('The wijk code is not in the area registry, or the week is not an alarm week of the wijk and theme'),
  },
});

/** The method choice of a wijk's series and the explanation of its alarm weeks. */
export function alarmExplanationRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(methodsRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { theme } = c.req.valid('query');
    const body = await deps.cache.answer(deps.snapshots, `detection-methods|${code}|${theme}`, (conn, snap) =>
      detectionMethodsAnswer(conn, snap, { code, theme }),
    );
    return jsonText(c, body);
  });

  router.openapi(explanationRoute, async (c) => {
    const { code, week } = c.req.valid('param');
    const { theme } = c.req.valid('query');
    const currentWeek = isoWeekFromDate(deps.now());
    const key = `alarm-explanation|${code}|${theme}|${week}|${currentWeek}`;
    const body = await deps.cache.answer(deps.snapshots, key, (conn, snap) =>
      alarmExplanationAnswer(conn, snap, deps, { code, theme, week, currentWeek }),
    );
    return jsonText(c, body);
  });

  return router;
}
