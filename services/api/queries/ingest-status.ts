import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestStatusResponse } from '@wijksignaal/contracts/http';

export type IngestPartnerStatus = IngestStatusResponse['partners'][number];

/** The outcome the pipeline records for accepted signals; every other outcome is a DLQ reason. */
export const ACCEPTED_OUTCOME = 'accepted';

/** Per partner: accepted signals, rejected ones by DLQ reason, and when the partner was last heard from. */
export async function ingestStatus(conn: DuckDBConnection): Promise<IngestPartnerStatus[]> {
  const reader = await conn.runAndReadAll(
    `SELECT partner, outcome, CAST(sum(n) AS DOUBLE) AS n, CAST(epoch_ms(max(last_seen)) AS DOUBLE) AS last_seen_ms
     FROM ingest_status
     GROUP BY partner, outcome
     ORDER BY partner, outcome`,
  );
  const partners = new Map<string, IngestPartnerStatus & { lastSeenMs: number | null }>();
  for (const row of reader.getRowObjectsJS()) {
    const partner = String(row.partner);
    const status = partners.get(partner) ?? { partner, accepted: 0, rejected: {}, lastSeen: null, lastSeenMs: null };
    partners.set(partner, status);
    const n = Number(row.n);
    if (row.outcome === ACCEPTED_OUTCOME) status.accepted += n;
    else status.rejected[String(row.outcome)] = n;
    const seen = row.last_seen_ms === null ? null : Number(row.last_seen_ms);
    if (seen !== null && (status.lastSeenMs === null || seen > status.lastSeenMs)) status.lastSeenMs = seen;
  }
  return [...partners.values()].map(({ lastSeenMs, ...status }) => ({
    ...status,
    lastSeen: lastSeenMs === null ? null : new Date(lastSeenMs).toISOString(),
  }));
}
