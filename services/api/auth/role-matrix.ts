import type { Role } from './roles.ts';

/** People who read aggregates. Partner systems deliver signals and see their own delivery status only. */
const READERS = ['epidemiologist', 'team_lead', 'admin'] as const satisfies readonly Role[];

/**
 * Which roles may call which operation, by OpenAPI operationId. Every route is declared here, so this file
 * is the one place a security officer reads to know who can do what. `public` needs no credentials
 * (DESIGN.md §7: health, readiness and the OpenAPI document).
 */
export const ROLE_MATRIX = {
  getHealth: 'public',
  getReady: 'public',
  // Sign-in at the demo's built-in local issuer (a 404 problem when AUTH_ISSUER is set).
  createSession: 'public',
  getDemoUsers: 'public',
  getAreas: READERS,
  getAreaGeometry: READERS,
  getAreaSeries: READERS,
  getAreaProfile: READERS,
  getOverview: READERS,
  getAlarms: READERS,
  // Why a series runs the methods it does, and why a week is an alarm: the same readers as the series.
  getAreaDetectionMethods: READERS,
  getAlarmExplanation: READERS,
  // New and escalated alarms for the dashboard's live updates (no counts).
  getAlarmFeed: READERS,
  // Readers; of a subscription's digest, its owner only (and an admin): routes/subscription-digest.ts.
  getSubscriptionDigest: READERS,
  // Marking an alarm is the judgement of the people who follow an area up. Not admin: an operator role (metrics,
  // keys) marking alarms would blur who judged them; not partner: partners deliver, they do not read alarms.
  createAlarmTriage: ['epidemiologist', 'team_lead'],
  getAlarmTriage: READERS,
  // Each reader's own subscriptions (routes/subscriptions.ts): a user sees and deletes only what they made.
  createSubscription: READERS,
  getSubscriptions: READERS,
  deleteSubscription: READERS,
  // Alarm episodes and their events: levels, methods and weeks, no counts.
  getAreaAlarmHistory: READERS,
  getAlarmEpisodes: READERS,
  getPriorities: READERS,
  getFunnel: READERS,
  // A partner sees only its own partner's row (routes/ingest-status.ts); people see every partner.
  getIngestStatus: ['epidemiologist', 'team_lead', 'partner', 'admin'],
  // Likewise: a partner sees its own data-quality alarms only, and a 403 when it names another partner.
  getDataQualityAlarms: ['epidemiologist', 'team_lead', 'partner', 'admin'],
  // Partner systems only, and only as their own partner id (routes/signals.ts). Not admin: a signal is a
  // partner's statement, and an admin sending on a partner's behalf would blur who said it.
  postSignals: ['partner'],
  // Operations: downloads and the live stream are for people; the scrape endpoint (/metrics) for admins.
  getWeeklyCountsExport: READERS,
  getOverviewExport: READERS,
  getSnapshotEvents: READERS,
  getMetrics: ['admin'],
} as const satisfies Record<string, 'public' | readonly Role[]>;

export type OperationId = keyof typeof ROLE_MATRIX;

export function rolesFor(operationId: OperationId): 'public' | readonly Role[] {
  return ROLE_MATRIX[operationId];
}
