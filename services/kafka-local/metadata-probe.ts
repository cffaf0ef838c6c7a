import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';

/**
 * True when the broker answers a real metadata request and lists itself. Uses a fresh client without retries
 * each time so a half-started broker cannot leave a stuck connection behind.
 */
export async function brokerAnswersMetadata(connection: KafkaConnection): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'kafka-local-probe',
    ...connection,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
