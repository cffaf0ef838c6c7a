import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { partnerTopic } from '@wijksignaal/contracts/topics';

/**
 * The bench sends every signal as one partner, so kcat and the pipeline read the same single topic and the
 * ratio between them compares like with like.
 */
export const BENCH_PARTNER = DEMO_PARTNERS[0];

export function benchTopic(topicPrefix: string): string {
  return partnerTopic(BENCH_PARTNER, topicPrefix);
}

/** The pipeline's flags for a bench run on `topicPrefix`. */
export function benchTopicArgs(topicPrefix: string, dlqTopic: string, group: string): string[] {
  return ['--topic-prefix', topicPrefix, '--partners', BENCH_PARTNER, '--dlq-topic', dlqTopic, '--group', group];
}
