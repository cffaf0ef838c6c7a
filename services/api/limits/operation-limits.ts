import type { OperationId } from '../auth/role-matrix.ts';

/** Which per-subject limit an operation counts against (reader-limits.ts); `none` for the rest. */
export type LimitKind = 'data' | 'export' | 'stream' | 'none';

/**
 * Every operation of the role matrix, by the limit it counts against, so a new operation must be placed
 * here (the type says so). Not limited: what needs no credentials, partner delivery (its own per-partner
 * rate, INGEST_RATE_PER_SECOND) and the metrics scrape of an admin's monitoring.
 */
export const OPERATION_LIMITS = {
  getHealth: 'none',
  getReady: 'none',
  createSession: 'none',
  getDemoUsers: 'none',
  getAreas: 'data',
  getAreaGeometry: 'data',
  getAreaSeries: 'data',
  getAreaProfile: 'data',
  getOverview: 'data',
  getAlarms: 'data',
  getAreaDetectionMethods: 'data',
  getAlarmExplanation: 'data',
  getAlarmFeed: 'data',
  getSubscriptionDigest: 'data',
  createAlarmTriage: 'data',
  getAlarmTriage: 'data',
  createSubscription: 'data',
  getSubscriptions: 'data',
  deleteSubscription: 'data',
  getAreaAlarmHistory: 'data',
  getAlarmEpisodes: 'data',
  getPriorities: 'data',
  getFunnel: 'data',
  getIngestStatus: 'data',
  getDataQualityAlarms: 'data',
  postSignals: 'none',
  getWeeklyCountsExport: 'export',
  getOverviewExport: 'export',
  getSnapshotEvents: 'stream',
  getMetrics: 'none',
} as const satisfies Record<OperationId, LimitKind>;
