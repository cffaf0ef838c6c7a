import { DLQ_TOPIC, SIGNALS_TOPIC_PREFIX, partnerTopic } from '@wijksignaal/contracts/topics';
import { USER_ACTIONS_TOPIC } from '@wijksignaal/contracts/user-action';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait-for.ts';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** How long the broker keeps a record (`retention.ms`); the broker's default (7 days) when absent. */
  retentionMs?: number;
}

const DAY_MS = 86_400_000;
/**
 * Raw signals are kept 28 days: long enough to replay a month after a fault (the live database holds every
 * accepted signal from then on, for RETENTION_WEEKS), short enough that whatever a partner sent by mistake
 * does not stay. Dead letters are kept 14 days: time for a partner to see and fix a rejection.
 */
export const SIGNALS_RETENTION_MS = 28 * DAY_MS;
export const DLQ_RETENTION_MS = 14 * DAY_MS;
/**
 * User actions (triage marks, subscriptions) are kept 28 days too: the pipeline stores each in the live
 * database once it is read, and the topic need only bridge an outage of the pipeline.
 */
export const ACTIONS_RETENTION_MS = 28 * DAY_MS;

/**
 * The topics Wijksignaal needs: one per partner, the dead-letter topic and the actions topic. The last two
 * get one partition: they are low-volume, one partition keeps rejected records in arrival order for whoever
 * reviews them, and keeps a subscription's put and delete in the order the API took them.
 */
export function wijksignaalTopics(
  partners: readonly string[],
  opts: { partitions?: number; topicPrefix?: string; dlqTopic?: string; actionsTopic?: string } = {},
): TopicSpec[] {
  return [
    ...partners.map((partner) => partnerTopicSpec(partner, opts.topicPrefix, opts.partitions)),
    { name: opts.dlqTopic ?? DLQ_TOPIC, partitions: 1, retentionMs: DLQ_RETENTION_MS },
    { name: opts.actionsTopic ?? USER_ACTIONS_TOPIC, partitions: 1, retentionMs: ACTIONS_RETENTION_MS },
  ];
}

export function partnerTopicSpec(partner: string, topicPrefix = SIGNALS_TOPIC_PREFIX, partitions = 3): TopicSpec {
  return { name: partnerTopic(partner, topicPrefix), partitions, retentionMs: SIGNALS_RETENTION_MS };
}

/**
 * Creates the topics that do not exist yet (replication factor 1) and waits until the metadata shows every
 * partition of every topic with a leader. Existing topics are left as they are, whatever their partition
 * count, so calling it again is harmless.
 */
export async function ensureTopics(connection: KafkaConnection, topics: TopicSpec[], timeoutMs = 60_000): Promise<void> {
  const brokers = connection.brokers;
  // Silent client: kafkajs logs every retry as JSON; the one error that matters is rethrown below as one line.
  const kafka = new Kafka({ clientId: 'kafka-local-topics', ...connection, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `Could not reach Kafka at ${brokers.join(',')} to create topics (${err instanceof Error ? err.message : String(err)}); is the broker running and KAFKA_BROKERS right?`,
    );
  }
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      // Resolves false when another caller created them first, which is fine.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor: 1,
          configEntries: topic.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(topic.retentionMs) }],
        })),
      });
    }
    const names = topics.map((topic) => topic.name);
    await waitFor(
      async () => {
        const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
        return (
          found.length === names.length &&
          found.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))
        );
      },
      { timeoutMs, intervalMs: 200, what: `topics ${names.join(', ')} to have a leader for every partition` },
    );
  } finally {
    await admin.disconnect();
  }
}
