import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MetricsRegistry, type Counter, type Histogram } from '@wijksignaal/contracts/metrics/prometheus';
import type { SnapshotReader } from '../db/snapshot-reader.ts';

/** What the API counts; `/metrics` renders `registry`. One instance per app. */
export interface ApiMetrics {
  registry: MetricsRegistry;
  requests: Counter;
  latency: Histogram;
  /** Server-sent-event streams open now (the snapshot-events route adds and removes itself). */
  sseClients: { open(): void; close(): void; count(): number };
  /** Seam for partner ingest over HTTPS: one per request, by outcome (`accepted`, `rejected`, `failed`). */
  ingestRequests: Counter;
  /** Seam for partner ingest over HTTPS: one per signal, by outcome (`accepted` or the rejection reason). */
  ingestItems: Counter;
}

export function createApiMetrics(snapshots: SnapshotReader, now: () => Date): ApiMetrics {
  const registry = new MetricsRegistry();
  const requests = registry.counter(
    'wijksignaal_api_requests_total',
    'HTTP requests answered, by method, route template and status',
  );
  const latency = registry.histogram(
    'wijksignaal_api_request_duration_seconds',
    'Time from request to response headers, by method, route template and status',
  );
  let open = 0;
  registry.gaugeFrom('wijksignaal_api_sse_clients', 'Open snapshot-event streams', () => open);
  registry.gaugeFrom('wijksignaal_api_snapshot_sequence', 'Sequence number of the snapshot being served', () => {
    const snap = snapshots.current();
    return snap ? snap.sequence : null;
  });
  registry.gaugeFrom('wijksignaal_api_snapshot_age_seconds', 'Seconds since the served snapshot was created', () => {
    const snap = snapshots.current();
    if (!snap) return null;
    const created = Date.parse(snap.createdAt);
    const since = Number.isNaN(created) ? snap.openedAt.getTime() : created;
    return Math.max(0, (now().getTime() - since) / 1000);
  });
  // How long the event loop was held up (the tail of every answer waits on it), since the last scrape.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  registry.gaugeFrom(
    'wijksignaal_api_event_loop_delay_seconds',
    'Event-loop delay since the last scrape (p99 and max): how long answers waited for the one JS thread',
    () => {
      const values = [
        { labels: { quantile: '0.99' }, value: loopDelay.percentile(99) / 1e9 },
        { labels: { quantile: '1' }, value: loopDelay.max / 1e9 },
      ];
      loopDelay.reset();
      return values;
    },
  );
  const ingestRequests = registry.counter('wijksignaal_api_ingest_requests_total', 'Partner ingest requests, by outcome');
  const ingestItems = registry.counter('wijksignaal_api_ingest_items_total', 'Signals received over HTTPS, by outcome');
  return {
    registry,
    requests,
    latency,
    sseClients: { open: () => void open++, close: () => void open--, count: () => open },
    ingestRequests,
    ingestItems,
  };
}
