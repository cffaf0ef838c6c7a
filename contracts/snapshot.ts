/**
 * The serving snapshot: a read-only DuckDB file the pipeline publishes and the API reads.
 * These tables are the whole interface between the write path and the read path.
 * Weeks are stored as the Monday DATE of the ISO week.
 *
 * `published_counts` is the only source of counts: one row per non-empty cell of the fixed period grid
 * (week, fourWeeks, quarter, year; from/to as Mondays) × area (wijk, gemeente, the whole region) ×
 * breakdown (`total` with value '', or `category`, `source`, `ageBand` with the value) that is shown, its
 * count already perturbed (at least k). A missing row is withheld (`<k`): empty or a few signals, the file
 * does not say which. See domain/published.
 */
export const SNAPSHOT_TABLES = {
  areas: `CREATE TABLE areas (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, gemeente_code VARCHAR NOT NULL, gemeente_name VARCHAR NOT NULL,
    year INTEGER NOT NULL, residents INTEGER, geometry VARCHAR)`,
  population: `CREATE TABLE population (
    code VARCHAR NOT NULL, year INTEGER NOT NULL, band VARCHAR NOT NULL, residents DOUBLE NOT NULL)`,
  published_counts: `CREATE TABLE published_counts (
    theme VARCHAR NOT NULL, level VARCHAR NOT NULL, area VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL, period_from DATE NOT NULL, period_to DATE NOT NULL,
    dimension VARCHAR NOT NULL, value VARCHAR NOT NULL, count BIGINT NOT NULL)`,
  alarms: `CREATE TABLE alarms (
    wijk VARCHAR NOT NULL, theme VARCHAR NOT NULL, week DATE NOT NULL, method VARCHAR NOT NULL,
    observed DOUBLE, expected DOUBLE, threshold DOUBLE, statistic DOUBLE, p_value DOUBLE,
    alarm BOOLEAN NOT NULL, level VARCHAR NOT NULL, reason VARCHAR, params VARCHAR)`,
  priorities: `CREATE TABLE priorities (
    wijk VARCHAR NOT NULL, rank INTEGER NOT NULL, score DOUBLE NOT NULL, components VARCHAR NOT NULL)`,
  ingest_status: `CREATE TABLE ingest_status (
    partner VARCHAR NOT NULL, outcome VARCHAR NOT NULL, n BIGINT NOT NULL, last_seen TIMESTAMP)`,
  /** The registered partner ids, so a request can name a partner that exists. */
  partners: `CREATE TABLE partners (id VARCHAR PRIMARY KEY)`,
  /** Data-quality alarms of partners' deliveries (domain/quality): figures of delivery volume, no signal counts per area. */
  data_quality_alarms: `CREATE TABLE data_quality_alarms (
    partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, kind VARCHAR NOT NULL, week DATE NOT NULL,
    usual DOUBLE NOT NULL, observed DOUBLE, p_value DOUBLE, last_delivery_at TIMESTAMP, silent_after_ms BIGINT,
    why_nl VARCHAR NOT NULL, why_en VARCHAR NOT NULL)`,
  /** The wijken a silent or low-volume stream usually covers: a mark only, no count. */
  data_quality_wijken: `CREATE TABLE data_quality_wijken (
    wijk VARCHAR NOT NULL, partner VARCHAR NOT NULL, source_kind VARCHAR NOT NULL, kind VARCHAR NOT NULL)`,
  /**
   * Alarm episodes as appended events (`contracts/alarm-event.ts`), oldest first by `seq`: never updated in
   * place. `settings` is the method's parameters as JSON; `method_version` changes whenever a method's code or
   * defaults do (pipelines/detect/method-versions.ts); `offsets` the consumed offsets (JSON) the run read.
   */
  alarm_events: `CREATE TABLE alarm_events (
    seq BIGINT PRIMARY KEY, alarm_id VARCHAR NOT NULL, wijk VARCHAR NOT NULL, theme VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, week DATE NOT NULL, opened_week DATE NOT NULL, level VARCHAR NOT NULL,
    method VARCHAR NOT NULL, method_version VARCHAR NOT NULL, settings VARCHAR NOT NULL,
    offsets VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)`,
  /**
   * Every triage action on an alarm (`contracts/user-action.ts`), kept with who and when; never in exports.
   * `at` is quoted: it is a keyword of DuckDB's grammar, and the unquoted DDL did not parse.
   */
  alarm_triage: `CREATE TABLE alarm_triage (
    action_id VARCHAR PRIMARY KEY, alarm_id VARCHAR NOT NULL, status VARCHAR NOT NULL, note VARCHAR,
    by_subject VARCHAR NOT NULL, by_role VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL)`,
  /** The subscriptions in force (the last put of each id, none deleted since); lists as JSON arrays. */
  subscriptions: `CREATE TABLE subscriptions (
    subscription_id VARCHAR PRIMARY KEY, owner VARCHAR NOT NULL, wijken VARCHAR NOT NULL, gemeenten VARCHAR NOT NULL,
    themes VARCHAR NOT NULL, webhook_url VARCHAR, updated_at TIMESTAMP NOT NULL)`,
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
  /** The k the published table was built with: counts from 1 to k−1 are withheld. */
  disclosureK: 'disclosure_k',
  /** JSON array of the partitions the pipeline stopped reading because their offsets went backwards. */
  offsetProblems: 'offset_problems',
} as const;

export const PUBLISHED_LEVELS = ['wijk', 'gemeente', 'region'] as const;
export type PublishedLevel = (typeof PUBLISHED_LEVELS)[number];
/** The area code of the region-level rows: the whole area registry. */
export const REGION_AREA = 'region';
export const PUBLISHED_DIMENSIONS = ['total', 'category', 'source', 'ageBand'] as const;
export type PublishedDimension = (typeof PUBLISHED_DIMENSIONS)[number];

/** Name of the pointer file that holds the file name of the newest snapshot. */
export const LATEST_POINTER = 'LATEST';
export function snapshotFileName(sequence: number): string {
  return `serving-${String(sequence).padStart(8, '0')}.duckdb`;
}
