import { OpenAPIHono } from '@hono/zod-openapi';
import { ingestStatusResponse, type IngestStatusResponse } from '@wijksignaal/contracts/http';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { consumerLagFromMeta } from '../queries/consumer-lag-from-meta.ts';
import { ingestStatus } from '../queries/ingest-status.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const ingestStatusRoute = apiRoute({
  operationId: 'getIngestStatus',
  method: 'get',
  path: '/ingest-status',
  tags: ['Ingest'],
  summary: 'Per partner: accepted and rejected signals by reason, last seen, and the consumer lag',
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: ingestStatusResponse } } } },
});

/** What partners delivered: accepted and rejected (by reason) per partner, and how far the pipeline lags. */
export function ingestStatusRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(ingestStatusRoute, async (c) => {
    const body = await deps.snapshots.withSnapshot(
      async (conn, snap) =>
        ({
          partners: await ingestStatus(conn),
          consumerLag: consumerLagFromMeta(snap.meta[SNAPSHOT_META.consumerLag]),
          snapshotSequence: snap.sequence,
          snapshotCreatedAt: snap.createdAt,
        }) satisfies IngestStatusResponse & { snapshotCreatedAt: string },
    );
    return c.json(body);
  });

  return router;
}
