import { healthResponse, readyResponse, type ReadyResponse } from '@wijksignaal/contracts/http';
import { describeOffsetProblem, offsetProblemSchema } from '@wijksignaal/contracts/offset-problem';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { z } from 'zod';
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
  summary: 'Whether a snapshot is being served, how old it is, and whether the pipeline is keeping up',
  description:
    '503 when no snapshot is served yet, when the pipeline stopped reading a partition whose offsets went backwards, or when the newest snapshot is stale while messages waited to be read; the detail says which.',
  responses: {
    200: { description: 'A snapshot is being served', content: { 'application/json': { schema: readyResponse } } },
  },
});

/** A snapshot this old while its pipeline still had messages to read means the pipeline is not keeping up. */
export const STALE_SNAPSHOT_SECONDS = 120;
const offsetProblems = z.array(offsetProblemSchema);

/**
 * Liveness and readiness, public (no role needed). Health says the process answers; readiness says it has
 * a snapshot to serve, and how old that snapshot is, so a load balancer or the launcher can wait for it —
 * and turns 503 when what it serves cannot be trusted to be complete: the pipeline stopped reading a
 * partition whose offsets went backwards, or the snapshot is stale while the pipeline had messages waiting.
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
    const ageSeconds = Math.max(0, (deps.now().getTime() - since) / 1000);
    const problems = offsetProblems.safeParse(JSON.parse(snapshot.meta[SNAPSHOT_META.offsetProblems] || '[]'));
    if (!problems.success || problems.data.length > 0) {
      const first = problems.success ? problems.data[0]! : null;
      const more = problems.success && problems.data.length > 1 ? ` (and ${problems.data.length - 1} more partition(s))` : '';
      throw new ProblemError(
        503,
        first ? `${describeOffsetProblem(first)}${more}` : 'the snapshot reports offset problems this API cannot read',
      );
    }
    const lag = Number(snapshot.meta[SNAPSHOT_META.consumerLag] || 0);
    if (lag > 0 && ageSeconds > STALE_SNAPSHOT_SECONDS) {
      throw new ProblemError(
        503,
        `the newest snapshot is ${Math.round(ageSeconds)} s old while ${lag} message(s) waited to be read: is the pipeline running? (see its log)`,
        {},
        { 'Retry-After': '10' },
      );
    }
    const body: ReadyResponse = {
      status: 'ready',
      snapshot: { sequence: snapshot.sequence, createdAt: snapshot.createdAt, ageSeconds },
    };
    return c.json(body, 200);
  });

  return router;
}
