import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { DLQ_HEADERS, HTTPS_DLQ_ORIGIN, partnerTopic } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { SinkUnavailableError, type SignalSink } from './signal-sink.ts';

export interface KafkaSignalSinkOptions {
  connection: KafkaConnection;
  /** Signals go to `<topicPrefix>.partner.<partner>`. */
  topicPrefix: string;
  dlqTopic: string;
}

/**
 * Delivers accepted signals to the partner's own topic and value-free rejection records to the dead-letter topic
 * with one idempotent producer (acks from all in-sync replicas, one request in flight, so a retry can never
 * reorder or duplicate within a partition). Both go in one produce call. Connects on first use, so the
 * API starts and serves reads while Kafka is away; a batch it cannot deliver is a SinkUnavailableError.
 */
export function kafkaSignalSink(options: KafkaSignalSinkOptions): SignalSink {
  const kafka = new Kafka({
    clientId: 'wijksignaal-api',
    ...options.connection,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // Few retries: a partner's request should fail in seconds with 503, and the partner retries.
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
    async deliver(partner, signals, rejections, at) {
      if (signals.length === 0 && rejections.length === 0) return;
      const topicMessages = [];
      if (signals.length > 0)
        topicMessages.push({
          topic: partnerTopic(partner, options.topicPrefix),
          messages: signals.map((s) => ({ key: s.key, value: s.value })),
        });
      if (rejections.length > 0) {
        topicMessages.push({
          topic: options.dlqTopic,
          messages: rejections.map((r) => ({
            key: r.partner,
            value: null,
            headers: {
              [DLQ_HEADERS.reason]: r.reason,
              [DLQ_HEADERS.detail]: r.detail,
              [DLQ_HEADERS.topic]: HTTPS_DLQ_ORIGIN,
              [DLQ_HEADERS.partition]: '-1',
              [DLQ_HEADERS.offset]: String(r.index),
              [DLQ_HEADERS.at]: at.toISOString(),
              [DLQ_HEADERS.partner]: r.partner,
            },
          })),
        });
      }
      try {
        const p = await connected();
        await p.sendBatch({ acks: -1, topicMessages });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new SinkUnavailableError(`Kafka at ${options.connection.brokers.join(',')} did not take the batch (${reason})`);
      }
    },
    async close() {
      const p = producer ?? (connecting ? await connecting.catch(() => null) : null);
      producer = null;
      await p?.disconnect().catch(() => undefined);
    },
  };
}
