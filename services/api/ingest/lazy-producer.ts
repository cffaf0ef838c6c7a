import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';

export interface LazyProducer {
  /** The connected producer, connecting on first use and again after a disconnect. */
  connected(): Promise<Producer>;
  close(): Promise<void>;
}

/**
 * One idempotent producer of the API (acks from all in-sync replicas, one request in flight, so a retry can
 * never reorder or duplicate within a partition), connected on first use: the API starts and serves reads
 * while Kafka is away. Few retries, so a request fails in seconds with a 503 and the caller tries again.
 */
export function lazyProducer(connection: KafkaConnection): LazyProducer {
  const kafka = new Kafka({
    clientId: 'wijksignaal-api',
    ...connection,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer | null = null;
  let connecting: Promise<Producer> | null = null;
  const connected = (): Promise<Producer> => {
    if (producer) return Promise.resolve(producer);
    connecting ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
      });
      p.on(p.events.DISCONNECT, () => {
        if (producer === p) producer = null;
      });
      await p.connect();
      producer = p;
      return p;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };
  return {
    connected,
    async close() {
      const p = producer ?? (connecting ? await connecting.catch(() => null) : null);
      producer = null;
      await p?.disconnect().catch(() => undefined);
    },
  };
}
