/**
 * The serving snapshot: a read-only DuckDB file the pipeline publishes and the API reads.
 * These tables are the whole interface between the write path and the read path.
 * Weeks are stored as the Monday DATE of the ISO week.
 */
export const SNAPSHOT_TABLES = {
  areas: `CREATE TABLE areas (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, gemeente_code VARCHAR NOT NULL, gemeente_name VARCHAR NOT NULL,
    year INTEGER NOT NULL, residents INTEGER, geometry VARCHAR)`,
  population: `CREATE TABLE population (
    code VARCHAR NOT NULL, year INTEGER NOT NULL, band VARCHAR NOT NULL, residents DOUBLE NOT NULL)`,
  weekly_counts: `CREATE TABLE weekly_counts (
    wijk VARCHAR NOT NULL, week DATE NOT NULL, theme VARCHAR NOT NULL, category VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL, age_band VARCHAR NOT NULL,
    n BIGINT NOT NULL, signals BIGINT NOT NULL, high BIGINT NOT NULL)`,
  alarms: `CREATE TABLE alarms (
    wijk VARCHAR NOT NULL, theme VARCHAR NOT NULL, week DATE NOT NULL, method VARCHAR NOT NULL,
    observed DOUBLE, expected DOUBLE, threshold DOUBLE, statistic DOUBLE, p_value DOUBLE,
    alarm BOOLEAN NOT NULL, level VARCHAR NOT NULL, reason VARCHAR, params VARCHAR)`,
  priorities: `CREATE TABLE priorities (
    wijk VARCHAR NOT NULL, rank INTEGER NOT NULL, score DOUBLE NOT NULL, components VARCHAR NOT NULL)`,
  ingest_status: `CREATE TABLE ingest_status (
    partner VARCHAR NOT NULL, outcome VARCHAR NOT NULL, n BIGINT NOT NULL, last_seen TIMESTAMP)`,
  meta: `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
} as const;
export type SnapshotTable = keyof typeof SNAPSHOT_TABLES;

/** Keys in the snapshot's `meta` table. */
export const SNAPSHOT_META = {
  sequence: 'sequence',
  createdAt: 'created_at',
  offsets: 'offsets',
  consumerLag: 'consumer_lag',
  areaSource: 'area_source',
  areaYear: 'area_year',
} as const;

/** Name of the pointer file that holds the file name of the newest snapshot. */
export const LATEST_POINTER = 'LATEST';
export function snapshotFileName(sequence: number): string {
  return `serving-${String(sequence).padStart(8, '0')}.duckdb`;
}
