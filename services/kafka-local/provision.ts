import { DLQ_TOPIC, SIGNALS_TOPIC_PREFIX } from '@wijksignaal/contracts/topics';
import { USER_ACTIONS_TOPIC } from '@wijksignaal/contracts/user-action';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { internalAcls, type WijksignaalNames } from './security/acl-bindings.ts';
import { ensureAcls } from './security/ensure-acls.ts';
import { ensureTopics, wijksignaalTopics } from './topics.ts';

export const DEFAULT_NAMES: WijksignaalNames = {
  topicPrefix: SIGNALS_TOPIC_PREFIX,
  dlqTopic: DLQ_TOPIC,
  actionsTopic: USER_ACTIONS_TOPIC,
  groupPrefix: 'wijksignaal-pipeline',
};

/**
 * Everything a broker needs before Wijksignaal runs on it: the partner topics, the dead-letter topic, the actions topic
 * and the ACLs of the pipeline, the API and the demo simulator. `admin` must be a super user.
 */
export async function provisionWijksignaal(
  admin: KafkaConnection,
  partners: readonly string[],
  opts: { partitions?: number; names?: WijksignaalNames } = {},
): Promise<void> {
  const names = opts.names ?? DEFAULT_NAMES;
  await ensureTopics(
    admin,
    wijksignaalTopics(partners, {
      partitions: opts.partitions,
      topicPrefix: names.topicPrefix,
      dlqTopic: names.dlqTopic,
      actionsTopic: names.actionsTopic,
    }),
  );
  await withAdmin(admin, (client) => ensureAcls(client, internalAcls(names)));
}

/** A silent admin client for one task. */
export async function withAdmin<T>(connection: KafkaConnection, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'kafka-local-admin', ...connection, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
