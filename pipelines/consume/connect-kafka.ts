import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import { kafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import type { PipelineConfig } from '../config.ts';
import { kafkaLogCreator, type Log } from '../log/logger.ts';

export interface PipelineKafka {
  kafka: Kafka;
  /** Writes dead letters. */
  producer: Producer;
  /** Watermarks (lag, offsets that go backwards) and the start-up check. */
  admin: Admin;
  disconnect(): Promise<void>;
}

/**
 * The pipeline's Kafka client as its own principal (SASL_SSL, or plaintext to a broker on this machine),
 * checked at once: every partner topic, the dead-letter topic and the actions topic must exist, or start-up
 * fails with one line.
 */
export async function connectKafka(config: PipelineConfig, topics: readonly string[], log: Log): Promise<PipelineKafka> {
  const connection = kafkaConnection({
    brokers: config.brokers,
    username: config.kafkaUsername,
    passwordFile: config.kafkaPasswordFile,
    caFile: config.kafkaCaFile,
  });
  const kafka = new Kafka({
    clientId: 'wijksignaal-pipeline',
    ...connection,
    connectionTimeout: 3_000,
    logCreator: kafkaLogCreator(log),
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const admin = kafka.admin({ retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000 } });
  try {
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [...topics, config.dlqTopic, config.actionsTopic] });
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot use Kafka at ${config.brokers.join(',')} (${reason}); start a broker with npm run kafka (which also creates the partner topics, ${config.dlqTopic} and ${config.actionsTopic}) or point KAFKA_BROKERS at one`,
    );
  }
  await producer.connect();
  return {
    kafka,
    producer,
    admin,
    async disconnect() {
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}
