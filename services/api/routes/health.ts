import { Hono } from 'hono';
import type { HealthResponse, ReadyResponse } from '@wijksignaal/contracts/http';
import { ProblemError } from '../http/problem.ts';
import type { RouteDeps } from './route-deps.ts';

/**
 * Liveness and readiness, public (no role needed). Health says the process answers; readiness says it has
 * a snapshot to serve, and how old that snapshot is, so a load balancer or the launcher can wait for it.
 */
export function healthRoutes(deps: RouteDeps): Hono {
  const router = new Hono();

  router.get('/health', (c) => c.json({ status: 'ok' } satisfies HealthResponse));

  router.get('/ready', (c) => {
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
    return c.json(body);
  });

  return router;
}
