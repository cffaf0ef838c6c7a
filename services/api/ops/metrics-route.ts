import { Hono } from 'hono';
import { PROMETHEUS_CONTENT_TYPE } from '@wijksignaal/contracts/metrics/prometheus';
import type { ApiEnv } from '../auth/api-env.ts';
import type { Authenticate } from '../auth/authenticate.ts';
import { roleGuard } from '../auth/role-guard.ts';
import type { ApiMetrics } from './api-metrics.ts';

/**
 * `GET /metrics` in the Prometheus text format, at the root where scrapers look for it, so outside the
 * versioned API and its OpenAPI document. It still goes through the role matrix (`getMetrics`: admin).
 */
export function metricsRoutes(metrics: ApiMetrics, authenticate: Authenticate): Hono<ApiEnv> {
  const router = new Hono<ApiEnv>();
  router.get(
    '/metrics',
    async (c, next) => {
      c.set('authenticate', authenticate);
      await next();
    },
    roleGuard('getMetrics'),
    (c) => c.body(metrics.registry.render(), 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' }),
  );
  return router;
}
