import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { partnerTopic } from '@wijksignaal/contracts/topics';

/**
 * The bench sends every signal as one partner, so kcat and the pipeline read the same single topic and the
 * ratio between them compares like with like.
 */
export const BENCH_PARTNER = DEMO_PARTNERS[0];
/**
 * The latency markers come from a partner of their own, so the API's ingest-status count of that partner
 * counts them exactly: the published cells are perturbed and withhold counts below k, so they cannot.
 */
export const MARKER_PARTNER = DEMO_PARTNERS[1];

export function benchTopic(topicPrefix: string): string {
  return partnerTopic(BENCH_PARTNER, topicPrefix);
}

export function markerTopic(topicPrefix: string): string {
  return partnerTopic(MARKER_PARTNER, topicPrefix);
}

/** The actions topic of a bench run (the pipeline needs it; the bench sends no actions). */
export function benchActionsTopic(dlqTopic: string): string {
  return `${dlqTopic}.actions`;
}

/** The topics a bench pipeline reads and writes: the bench partner's (3 partitions), the markers', the DLQ and the actions. */
export function benchTopics(topicPrefix: string, dlqTopic: string): { name: string; partitions: number }[] {
  return [
    { name: benchTopic(topicPrefix), partitions: 3 },
    { name: markerTopic(topicPrefix), partitions: 1 },
    { name: dlqTopic, partitions: 1 },
    { name: benchActionsTopic(dlqTopic), partitions: 1 },
  ];
}

/** The pipeline's flags for a bench run on `topicPrefix`. */
export function benchTopicArgs(topicPrefix: string, dlqTopic: string, group: string): string[] {
  return [
    ...['--topic-prefix', topicPrefix, '--partners', `${BENCH_PARTNER},${MARKER_PARTNER}`],
    ...['--dlq-topic', dlqTopic, '--actions-topic', benchActionsTopic(dlqTopic), '--group', group],
  ];
}
