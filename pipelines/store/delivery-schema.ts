/**
 * Tables of the data-quality rules (`domain/quality`), in the live database. The first two are written
 * in every batch's transaction (exactly once, with the offsets); the last two are what the quality stage
 * judged last, replaced whole each time, and copied into every snapshot.
 * `delivery_weeks`: per partner × source kind × delivery week (Monday of the ISO week of the Kafka
 * timestamp) accepted and rejected messages and the newest timestamp; rejections under source kind ''.
 * `delivery_wijk_weeks`: that a partner × source kind delivered for a wijk in a delivery week, for which
 * wijken a stream usually covers. Append-only like the cube (a keyed upsert of a batch's thousands of wijken
 * doubled the cost of a national batch's write): a row per batch that delivered there, folded back to one
 * per key by `compactDeliveryWijken`. It holds no counts.
 */
export const DELIVERY_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS delivery_weeks (
    partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, week DATE NOT NULL,
    accepted BIGINT NOT NULL, rejected BIGINT NOT NULL, last_at TIMESTAMP NOT NULL,
    PRIMARY KEY (partner, source_kind, week))`,
  `CREATE TABLE IF NOT EXISTS delivery_wijk_weeks (
    partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, wijk VARCHAR NOT NULL, week DATE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS quality_alarms (
    partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, kind VARCHAR NOT NULL, week DATE NOT NULL,
    usual DOUBLE NOT NULL, observed DOUBLE, p_value DOUBLE, last_delivery_at TIMESTAMP, silent_after_ms BIGINT,
    why_nl VARCHAR NOT NULL, why_en VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS quality_wijken (
    wijk VARCHAR NOT NULL, partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, kind VARCHAR NOT NULL)`,
] as const;

/**
 * The start-up migration for a live file made before the data-quality rules: it creates their tables
 * (and does nothing on a file that has them). Delivery history starts with the first batch after it; the
 * ledger keeps no delivery times to rebuild it from, so alarms come once the minimum history has passed.
 */
export async function createDeliveryTables(db: { run(sql: string): Promise<unknown> }): Promise<void> {
  for (const ddl of DELIVERY_SCHEMA) await db.run(ddl);
}
