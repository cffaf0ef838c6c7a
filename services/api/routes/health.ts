import { healthResponse, readyResponse, type ReadyResponse } from '@wijksignaal/contracts/http';
import type { ApiEnv } from '../auth/api-env.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import { ProblemError } from '../http/problem.ts';
import type { RouteDeps } from './route-deps.ts';

const healthRoute = apiRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Whether the API process answers',
  responses: { 200: { description: 'The process answers', content: { 'application/json': { schema: healthResponse } } } },
});

const readyRoute = apiRoute({
  operationId: 'getReady',
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Whether a snapshot is being served, and how old it is',
  responses: {
    200: { description: 'A snapshot is being served', content: { 'application/json': { schema: readyResponse } } },
  },
});

/**
 * Liveness and readiness, public (no role needed). Health says the process answers; readiness says it has
 * a snapshot to serve, and how old that snapshot is, so a load balancer or the launcher can wait for it.
 */
export function healthRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));

  router.openapi(readyRoute, (c) => {
    const snapshot = deps.snapshots.current();
    if (!snapshot) {
      throw new ProblemError(503, 'no data published yet; is the pipeline running?', {}, { 'Retry-After': '2' });
    }
    const created = Date.parse(snapshot.createdAt);
    const since = Number.isNaN(created) ? snapshot.openedAt.getTime() : created;
    const body: ReadyResponse = {
      status: 'ready',
      snapshot: {
        sequence: snapshot.sequence,
        createdAt: snapshot.createdAt,
        ageSeconds: Math.max(0, (deps.now().getTime() - since) / 1000),
      },
    };
    return c.json(body, 200);
  });

  return router;
}
