/** Kafka topic names: the only place they are spelled out. */
export const SIGNALS_TOPIC = 'signals.v1';
export const DLQ_TOPIC = 'signals.v1.dlq';

export const DLQ_REASONS = [
  'malformed_json',
  'schema_violation',
  'personal_data',
  'unknown_partner',
  'unknown_area',
  'week_out_of_range',
  'too_large',
] as const;
export type DlqReason = (typeof DLQ_REASONS)[number];

/** String headers on every dead-letter record (DESIGN.md §3). */
export const DLQ_HEADERS = {
  reason: 'dlq.reason',
  detail: 'dlq.detail',
  topic: 'dlq.topic',
  partition: 'dlq.partition',
  offset: 'dlq.offset',
  at: 'dlq.at',
  /** Set on rejections made at the HTTPS door only: the partner id the API authenticated. */
  partner: 'dlq.partner',
} as const;

/**
 * `dlq.topic` of a rejection made by `POST /api/v1/signals` rather than by the pipeline. Such a record has
 * no value (what was sent may be personal data) and is counted by the pipeline for `dlq.partner`.
 */
export const HTTPS_DLQ_ORIGIN = 'https:POST /api/v1/signals';

/** Largest accepted message value; anything bigger is `too_large`. */
export const MAX_SIGNAL_BYTES = 4096;
