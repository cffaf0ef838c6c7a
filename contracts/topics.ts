/** Kafka topic names: the only place they are spelled out. */
export const SIGNALS_TOPIC_PREFIX = 'signals.v1';
export const DLQ_TOPIC = 'signals.v1.dlq';

/**
 * Every partner delivers to a topic of its own, so the broker can let each partner's credentials write that
 * topic and nothing else, and the pipeline knows the partner from the topic rather than from the message.
 */
export function partnerTopic(partner: string, prefix: string = SIGNALS_TOPIC_PREFIX): string {
  return `${prefix}.partner.${partner}`;
}

/** What every partner topic under `prefix` starts with (the pipeline's and the API's ACLs are on it). */
export function partnerTopicPrefix(prefix: string = SIGNALS_TOPIC_PREFIX): string {
  return `${prefix}.partner.`;
}

/** The partner a partner topic belongs to, or null for any other topic. */
export function partnerOfTopic(topic: string, prefix: string = SIGNALS_TOPIC_PREFIX): string | null {
  const start = partnerTopicPrefix(prefix);
  return topic.startsWith(start) && topic.length > start.length ? topic.slice(start.length) : null;
}

export const DLQ_REASONS = [
  'malformed_json',
  'schema_violation',
  'personal_data',
  'unknown_partner',
  /** The message names another partner than the one whose topic (and credentials) it came through. */
  'partner_mismatch',
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
