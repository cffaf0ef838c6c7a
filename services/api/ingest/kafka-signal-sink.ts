import { DLQ_HEADERS, HTTPS_DLQ_ORIGIN, partnerTopic } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { lazyProducer } from './lazy-producer.ts';
import { SinkUnavailableError, type SignalSink } from './signal-sink.ts';

export interface KafkaSignalSinkOptions {
  connection: KafkaConnection;
  /** Signals go to `<topicPrefix>.partner.<partner>`. */
  topicPrefix: string;
  dlqTopic: string;
}

/**
 * Delivers accepted signals to the partner's own topic and value-free rejection records to the dead-letter topic
 * with one idempotent producer (`lazy-producer.ts`). Both go in one produce call; a batch it cannot deliver is
 * a SinkUnavailableError.
 */
export function kafkaSignalSink(options: KafkaSignalSinkOptions): SignalSink {
  const producer = lazyProducer(options.connection);

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
        const p = await producer.connected();
        await p.sendBatch({ acks: -1, topicMessages });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new SinkUnavailableError(`Kafka at ${options.connection.brokers.join(',')} did not take the batch (${reason})`);
      }
    },
    close: () => producer.close(),
  };
}
