/** The live cube table; a function of its name so a migration can build the new table beside the old. */
export function weeklyCountsDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    wijk VARCHAR NOT NULL, week DATE NOT NULL, theme VARCHAR NOT NULL, category VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL, age_band VARCHAR NOT NULL,
    n BIGINT NOT NULL, signals BIGINT NOT NULL, high BIGINT NOT NULL,
    cell BIGINT NOT NULL PRIMARY KEY, key_sum BIGINT NOT NULL)`;
}

/**
 * Tables of the live database. Only the pipeline opens this file, read-write.
 * `signals` is the raw ledger (one row per accepted id); `weekly_counts` is the cube the API serves;
 * `weekly_counts.cell` packs the six coordinates into one integer (`cellKey`): the upsert probes and
 * maintains an index over one BIGINT instead of six text and date columns (about a fifth less time per
 * national batch). It stays inside the pipeline; snapshots copy the named columns only.
 * `key_sum` is the sum of the cell's record keys modulo 2^32: its cell key for perturbation
 * (domain/published), summed again for every published aggregate.
 * `record_key_secret` holds the secret record keys are hashed with; it never leaves this file.
 * `consumer_offsets` makes ingestion exactly-once: it is written in the same transaction as the rows.
 */
export const LIVE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS signals (
    id UUID NOT NULL, partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, theme VARCHAR NOT NULL,
    category VARCHAR NOT NULL, area VARCHAR NOT NULL, wijk VARCHAR NOT NULL, gemeente VARCHAR NOT NULL,
    week DATE NOT NULL, age_band VARCHAR NOT NULL, severity VARCHAR NOT NULL, count INTEGER NOT NULL,
    "partition" INTEGER NOT NULL, "offset" BIGINT NOT NULL, ingested_at TIMESTAMP NOT NULL)`,
  weeklyCountsDdl('weekly_counts'),
  `CREATE TABLE IF NOT EXISTS record_key_secret (secret VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS consumer_offsets (
    topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, "partition"))`,
  // Where the count of HTTPS-door rejections on the dead-letter topic continues; kept apart from
  // consumer_offsets, which is the signals consumer's alone (snapshots publish it as consumed offsets).
  `CREATE TABLE IF NOT EXISTS dlq_offsets (
    topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, "partition"))`,
  `CREATE TABLE IF NOT EXISTS ingest_counts (
    partner VARCHAR NOT NULL, outcome VARCHAR NOT NULL, n BIGINT NOT NULL, last_seen TIMESTAMP,
    PRIMARY KEY (partner, outcome))`,
  `CREATE TABLE IF NOT EXISTS alarms (
    wijk VARCHAR NOT NULL, theme VARCHAR NOT NULL, week DATE NOT NULL, method VARCHAR NOT NULL,
    observed DOUBLE, expected DOUBLE, threshold DOUBLE, statistic DOUBLE, p_value DOUBLE,
    alarm BOOLEAN NOT NULL, level VARCHAR NOT NULL, reason VARCHAR, params VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS priorities (
    wijk VARCHAR NOT NULL, rank INTEGER NOT NULL, score DOUBLE NOT NULL, components VARCHAR NOT NULL)`,
] as const;

/** Registry tables are replaced at every start from the configured area files (or the demo region). */
export const REGISTRY_SCHEMA = [
  `CREATE OR REPLACE TABLE areas (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, gemeente_code VARCHAR NOT NULL, gemeente_name VARCHAR NOT NULL,
    year INTEGER NOT NULL, residents INTEGER, geometry VARCHAR)`,
  `CREATE OR REPLACE TABLE population (code VARCHAR NOT NULL, year INTEGER NOT NULL, band VARCHAR NOT NULL, residents DOUBLE NOT NULL)`,
  `CREATE OR REPLACE TABLE partners (id VARCHAR PRIMARY KEY)`,
] as const;
