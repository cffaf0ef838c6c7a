import { Hono } from 'hono';
import type { IngestStatusResponse } from '@wijksignaal/contracts/http';
import { SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { consumerLagFromMeta } from '../queries/consumer-lag-from-meta.ts';
import { ingestStatus } from '../queries/ingest-status.ts';
import type { RouteDeps } from './route-deps.ts';

/** What partners delivered: accepted and rejected (by reason) per partner, and how far the pipeline lags. */
export function ingestStatusRoutes(deps: RouteDeps): Hono {
  const router = new Hono();

  router.get('/ingest-status', async (c) => {
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
