import { randomBytes } from 'node:crypto';
import { ensureTopics } from '@wijksignaal/kafka-local/topics';
import { Kafka, logLevel, Partitioners, type IHeaders } from 'kafkajs';
import { waitFor } from './wait-for.ts';

export interface TopicNames {
  signals: string;
  dlq: string;
  groupId: string;
}

export interface OutgoingMessage {
  key: string | null;
  /** Strings and buffers are sent as they are (so tests can send broken JSON); anything else as JSON. */
  value: string | Buffer | null | object;
  headers?: Record<string, string>;
}

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Topic and group names no other test (or other run on this machine) uses. */
export function uniqueTopicNames(prefix: string): TopicNames {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 60);
  const suffix = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return { signals: `${clean}.${suffix}.signals`, dlq: `${clean}.${suffix}.dlq`, groupId: `${clean}.${suffix}.group` };
}

/**
 * Creates the topics and waits until they have leaders. Like production, the dead-letter topic of a
 * TopicNames set gets one partition; a plain list gets `partitions` for every topic.
 */
export async function createTopics(brokers: string[], names: TopicNames | string[], partitions: number): Promise<void> {
  const specs = Array.isArray(names)
    ? names.map((name) => ({ name, partitions }))
    : [
        { name: names.signals, partitions },
        { name: names.dlq, partitions: 1 },
      ];
  await ensureTopics(brokers, specs);
}

/** Produces with acks from all replicas, in chunks small enough for the broker's request size limit. */
export async function produceJson(
  brokers: string[],
  topic: string,
  messages: OutgoingMessage[],
  chunkSize = 2000,
): Promise<void> {
  const producer = client(brokers, 'test-producer').producer({
    idempotent: true,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let start = 0; start < messages.length; start += chunkSize) {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.slice(start, start + chunkSize).map((message) => ({
          key: message.key,
          value: encodeValue(message.value),
          ...(message.headers ? { headers: message.headers } : {}),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `expected` holds: a number means "at
 * least this many messages", a function decides on the messages so far. Returns them ordered by partition
 * and offset.
 */
export async function readAll(
  brokers: string[],
  topic: string,
  opts: { expected: number | ((messages: ReadMessage[]) => boolean); timeoutMs: number },
): Promise<ReadMessage[]> {
  const received: ReadMessage[] = [];
  const consumer = client(brokers, 'test-reader').consumer({
    groupId: `read-all.${topic}.${randomBytes(4).toString('hex')}`,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 250,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers: decodeHeaders(message.headers),
          partition,
          offset: message.offset,
        });
      },
    });
    const done = typeof opts.expected === 'number' ? atLeast(opts.expected) : opts.expected;
    await waitFor(
      () => {
        if (done(received)) return true;
        // Thrown rather than returned so the timeout message says how far the read got.
        throw new Error(`have ${received.length} message(s) so far`);
      },
      { timeoutMs: opts.timeoutMs, intervalMs: 100, what: `the expected messages on ${topic}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return received.slice().sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function atLeast(count: number): (messages: ReadMessage[]) => boolean {
  return (messages) => messages.length >= count;
}

function client(brokers: string[], clientId: string): Kafka {
  // Transient "coordinator loading" errors are retried by kafkajs; a real failure shows up as a waitFor timeout.
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

function encodeValue(value: OutgoingMessage['value']): string | Buffer | null {
  if (value === null || typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const last = Array.isArray(raw) ? raw.at(-1) : raw;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}
