import { OpenAPIHono } from '@hono/zod-openapi';
import { ingestStatusResponse, type IngestStatusResponse } from '@wijksignaal/contracts/http';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { consumerLagFromMeta } from '../queries/consumer-lag-from-meta.ts';
import { ingestStatus, type IngestPartnerStatus } from '../queries/ingest-status.ts';
import type { ApiEnv } from '../auth/api-env.ts';
import { apiRoute, apiRouter } from '../http/api-route.ts';
import type { RouteDeps } from './route-deps.ts';

const ingestStatusRoute = apiRoute({
  operationId: 'getIngestStatus',
  method: 'get',
  path: '/ingest-status',
  tags: ['Ingest'],
  summary: 'Per partner: accepted and rejected signals by reason, last seen, and the consumer lag',
  description: 'A partner sees only its own partner id; people see every partner. Rejections name the reason, never the values.',
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: ingestStatusResponse } } } },
});

/** What partners delivered: accepted and rejected (by reason) per partner, and how far the pipeline lags. */
export function ingestStatusRoutes(deps: RouteDeps): OpenAPIHono<ApiEnv> {
  const router = apiRouter();

  router.openapi(ingestStatusRoute, async (c) => {
    const principal = c.get('principal');
    // A partner system sees its own delivery only; other partners' names and volumes are not its business.
    const onlyPartner = principal.role === 'partner' ? (principal.partnerId ?? null) : undefined;
    const body = await deps.snapshots.withSnapshot(
      async (conn, snap) =>
        ({
          partners: ownRows(await ingestStatus(conn), onlyPartner),
          consumerLag: consumerLagFromMeta(snap.meta[SNAPSHOT_META.consumerLag]),
          snapshotSequence: snap.sequence,
          snapshotCreatedAt: snap.createdAt,
        }) satisfies IngestStatusResponse & { snapshotCreatedAt: string },
    );
    return c.json(body);
  });

  return router;
}

/** Every row for people; for a partner its own row only, with zeros before it delivered anything. */
function ownRows(rows: IngestPartnerStatus[], onlyPartner: string | null | undefined): IngestPartnerStatus[] {
  if (onlyPartner === undefined) return rows;
  if (onlyPartner === null) return [];
  return [rows.find((r) => r.partner === onlyPartner) ?? { partner: onlyPartner, accepted: 0, rejected: {}, lastSeen: null }];
}
