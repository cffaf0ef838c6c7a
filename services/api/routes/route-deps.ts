import type { PerSnapshotCache } from '../db/per-snapshot-cache.ts';
import type { SnapshotReader } from '../db/snapshot-reader.ts';
import type { DisclosureConfig } from '../disclosure-views/disclosure-settings.ts';
import type { ApiMetrics } from '../ops/api-metrics.ts';

/**
 * What every router gets from createApp: the snapshots to read, a cache of serialised answers for the
 * current snapshot, and the clock (tests pass a fixed one).
 */
export interface RouteDeps {
  snapshots: SnapshotReader;
  cache: PerSnapshotCache;
  now: () => Date;
  /** The minimum denominator (config.ts); k comes with each snapshot (`disclosureFor`). */
  disclosure: DisclosureConfig;
  /** What /metrics reports; routes with their own counters (SSE clients, ingest) add to it. */
  metrics: ApiMetrics;
}
