import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { ALARM_EVENTS_DDL } from './alarm-events-schema.ts';

const CUBE_COLUMNS = `wijk VARCHAR NOT NULL, week DATE NOT NULL, theme VARCHAR NOT NULL, category VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL, age_band VARCHAR NOT NULL,
    n BIGINT NOT NULL, signals BIGINT NOT NULL, high BIGINT NOT NULL`;

/**
 * A summed cube table keyed on `cell`, one row per cell: the live cube's shape before it became
 * append-only, which the older migrations build, and the shape stand-alone cubes (tests, bench) take.
 */
export function weeklyCountsDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (${CUBE_COLUMNS},
    cell BIGINT NOT NULL PRIMARY KEY, key_sum BIGINT NOT NULL)`;
}

/**
 * The signal ledger, one row per accepted id: what exactly-once and retention need and no more. The id
 * (duplicates), its cell key (the week that pruning compares, and the cell it counts in) and where it
 * came from (partition, offset).
 */
export const SIGNALS_DDL = `CREATE TABLE IF NOT EXISTS signals (
    id UUID NOT NULL, cell BIGINT NOT NULL, "partition" INTEGER NOT NULL, "offset" BIGINT NOT NULL)`;

/** The append-only cube: the same columns as `weekly_counts`, no key, several rows per cell. */
export const CUBE_ROWS_DDL = `CREATE TABLE IF NOT EXISTS cube_rows (${CUBE_COLUMNS},
    cell BIGINT NOT NULL, key_sum BIGINT NOT NULL)`;

/**
 * What every reader sees as the cube: `cube_rows` summed per cell, `key_sum` again modulo 2^32. Grouped
 * on the coordinates too, so a filter on wijk, week or theme is applied before the sums.
 */
export const WEEKLY_COUNTS_VIEW = `CREATE VIEW IF NOT EXISTS weekly_counts AS
  SELECT wijk, week, theme, category, source_kind, age_band,
         sum(n)::BIGINT AS n, sum(signals)::BIGINT AS signals, sum(high)::BIGINT AS high, cell,
         (sum(key_sum) % ${RECORD_KEY_SPACE})::BIGINT AS key_sum
  FROM cube_rows GROUP BY wijk, week, theme, category, source_kind, age_band, cell`;

/**
 * Tables of the live database. Only the pipeline opens this file, read-write.
 * `signals` is the raw ledger (one row per accepted id); `weekly_counts` is the cube the API serves, a
 * view that sums the append-only `cube_rows`: a batch appends its cells without probing or maintaining
 * an index (an upsert into a keyed table cost about fifteen times as much per national batch), and
 * `compactCube` folds the rows back to one per cell now and then, so reading the view costs about what
 * reading the summed table did. `cell` packs the six coordinates into one integer (`cellKey`), the key
 * the sums are grouped on. It stays inside the pipeline; snapshots copy the named columns only.
 * `key_sum` is the sum of the cell's record keys modulo 2^32: its cell key for perturbation
 * (domain/published), summed again for every published aggregate.
 * `record_key_secret` holds the secret record keys are hashed with; it never leaves this file.
 * `consumer_offsets` makes ingestion exactly-once: it is written in the same transaction as the rows.
 */
export const LIVE_SCHEMA = [
  SIGNALS_DDL,
  CUBE_ROWS_DDL,
  WEEKLY_COUNTS_VIEW,
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
  // "The stored alarms are current as of these consumer offsets" (pipelines/analyse/alarms-marker.ts).
  `CREATE TABLE IF NOT EXISTS alarms_marker (
    offsets VARCHAR NOT NULL, week VARCHAR NOT NULL, theme_starts VARCHAR NOT NULL, settings VARCHAR NOT NULL)`,
  // Created on a file made before alarms were kept as events too: that is its start-up migration.
  ALARM_EVENTS_DDL,
] as const;

/** Registry tables are replaced at every start from the configured area files (or the demo region). */
export const REGISTRY_SCHEMA = [
  `CREATE OR REPLACE TABLE areas (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, gemeente_code VARCHAR NOT NULL, gemeente_name VARCHAR NOT NULL,
    year INTEGER NOT NULL, residents INTEGER, geometry VARCHAR)`,
  `CREATE OR REPLACE TABLE population (code VARCHAR NOT NULL, year INTEGER NOT NULL, band VARCHAR NOT NULL, residents DOUBLE NOT NULL)`,
  `CREATE OR REPLACE TABLE partners (id VARCHAR PRIMARY KEY)`,
] as const;
