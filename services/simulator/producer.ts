import { SIGNALS_TOPIC_PREFIX, partnerTopic } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { Kafka, Partitioners, logLevel, type Producer, type TopicMessages } from 'kafkajs';

export interface SignalProducerConfig {
  connection: KafkaConnection;
  /** Records go to `<topicPrefix>.partner.<partner>`; default `signals.v1` from the contracts. */
  topicPrefix?: string;
  /** The partners it sends for; connect() checks that each has its topic. */
  partners: readonly string[];
  clientId?: string;
  /** Per-connection timeout; low so an unreachable broker is reported quickly. */
  connectionTimeoutMs?: number;
}

export interface RawRecord {
  /** Whose topic the record goes to. */
  partner: string;
  key: string;
  value: string | Buffer;
}

export interface SendOptions {
  /** Upper bound on one produce request; the broker rejects record batches over 1 MB by default. */
  maxRequestBytes?: number;
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

export interface SignalProducer {
  readonly topicPrefix: string;
  /** Connects and checks that every partner's topic exists; rejects with a one-line reason otherwise. */
  connect(): Promise<void>;
  /**
   * Sends records in order, many per request; resolves with how many the broker acknowledged (all of
   * them, unless the signal aborted between requests).
   */
  send(records: readonly RawRecord[], opts?: SendOptions): Promise<number>;
  disconnect(): Promise<void>;
}

const DEFAULT_MAX_REQUEST_BYTES = 900_000;

/**
 * A kafkajs producer for signals: idempotent, acks from all in-sync replicas, keyed by wijk (the default
 * murmur2 partitioner, the same one Java clients and kcat -X partitioner=murmur2_random use).
 *
 * One produce request is in flight at a time. kafkajs serialises idempotent requests per broker anyway,
 * and after a failed request it rolls its sequence numbers back; a second queued request would then reuse
 * them and could be discarded by the broker as a duplicate. Large requests give the throughput instead.
 */
export function createSignalProducer(config: SignalProducerConfig): SignalProducer {
  const topicPrefix = config.topicPrefix ?? SIGNALS_TOPIC_PREFIX;
  const brokers = config.connection.brokers.join(',');
  const kafka = new Kafka({
    clientId: config.clientId ?? 'wijksignaal-simulator',
    ...config.connection,
    connectionTimeout: config.connectionTimeoutMs ?? 3000,
    requestTimeout: 30_000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer | null = null;

  return {
    topicPrefix,
    async connect() {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const missing = config.partners.map((p) => partnerTopic(p, topicPrefix)).filter((t) => !existing.has(t));
        if (missing.length > 0) {
          throw new Error(
            `topic ${missing.join(', ')} does not exist on ${brokers}; create it (npm run kafka creates the partner topics) or pass --topic-prefix`,
          );
        }
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        // Bounded, so a broker that stays away ends the run with an error instead of hanging it.
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
      });
      await producer.connect();
    },
    async send(records, opts = {}) {
      if (!producer) throw new Error('producer is not connected');
      const maxBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
      let sent = 0;
      let start = 0;
      while (start < records.length) {
        if (opts.signal?.aborted) return sent;
        let end = start;
        let bytes = 0;
        while (end < records.length) {
          const r = records[end] as RawRecord;
          const size = r.key.length + (typeof r.value === 'string' ? Buffer.byteLength(r.value) : r.value.length) + 70;
          if (end > start && bytes + size > maxBytes) break;
          bytes += size;
          end++;
        }
        const chunk = records.slice(start, end);
        await producer.sendBatch({ acks: -1, topicMessages: byTopic(chunk, topicPrefix) });
        sent += chunk.length;
        opts.onProgress?.(sent);
        start = end;
      }
      return sent;
    },
    async disconnect() {
      await producer?.disconnect().catch(() => undefined);
      producer = null;
    },
  };
}

/** One entry per partner topic, records in their original order within it. */
function byTopic(records: readonly RawRecord[], topicPrefix: string): TopicMessages[] {
  const topics = new Map<string, TopicMessages>();
  for (const r of records) {
    const topic = partnerTopic(r.partner, topicPrefix);
    let entry = topics.get(topic);
    if (!entry) topics.set(topic, (entry = { topic, messages: [] }));
    entry.messages.push({ key: r.key, value: r.value });
  }
  return [...topics.values()];
}
