import { randomBytes } from 'node:crypto';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { partnerTopic } from '@wijksignaal/contracts/topics';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { ensureTopics, partnerTopicSpec } from '@wijksignaal/kafka-local/topics';
import { Kafka, logLevel, Partitioners, type IHeaders } from 'kafkajs';
import { waitFor } from './wait-for.ts';

export interface TopicNames {
  /** Partner topics are `<topicPrefix>.partner.<id>`, as the pipeline's --topic-prefix. */
  topicPrefix: string;
  dlq: string;
  /** The actions topic (triage marks, subscriptions), as the pipeline's and the API's --actions-topic. */
  actions: string;
  groupId: string;
}

/** Plaintext addresses (the test broker's loopback listener) or a full SASL_SSL connection. */
export type Brokers = string[] | KafkaConnection;

export interface OutgoingMessage {
  /** Whose topic a signal goes to (produceSignals); read from an object value's `partner` when absent. */
  partner?: string;
  key: string | null;
  /** Strings and buffers are sent as they are (so tests can send broken JSON); anything else as JSON. */
  value: string | Buffer | null | object;
  headers?: Record<string, string>;
  /** The record's timestamp (ms since the epoch, as a string), e.g. a delivery in a past week; now when absent. */
  timestamp?: string;
}

export interface ReadMessage {
  topic: string;
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
  return {
    topicPrefix: `${clean}.${suffix}.signals`,
    dlq: `${clean}.${suffix}.dlq`,
    actions: `${clean}.${suffix}.actions`,
    groupId: `${clean}.${suffix}.group`,
  };
}

/** The pipeline's (and the API's) flags for these names. */
export function topicArgs(names: TopicNames): string[] {
  return ['--topic-prefix', names.topicPrefix, '--dlq-topic', names.dlq, '--actions-topic', names.actions];
}

/** The same plus the consumer group: what a test passes to `pipelines/main.ts`. */
export function pipelineArgs(names: TopicNames): string[] {
  return [...topicArgs(names), '--group', names.groupId];
}

export function partnerTopicOf(names: TopicNames, partner: string): string {
  return partnerTopic(partner, names.topicPrefix);
}

/**
 * Creates the topics and waits until they have leaders. Like production, a TopicNames set gets one topic
 * per partner (the demo partners unless told), a dead-letter topic and an actions topic with one partition each; a plain list gets
 * `partitions` for every topic.
 */
export async function createTopics(
  brokers: Brokers,
  names: TopicNames | string[],
  partitions: number,
  partners: readonly string[] = DEMO_PARTNERS,
): Promise<void> {
  const specs = Array.isArray(names)
    ? names.map((name) => ({ name, partitions }))
    : [
        ...partners.map((partner) => partnerTopicSpec(partner, names.topicPrefix, partitions)),
        { name: names.dlq, partitions: 1 },
        { name: names.actions, partitions: 1 },
      ];
  await ensureTopics(connectionOf(brokers), specs);
}

/** Produces signals to their partners' topics (see OutgoingMessage.partner), in order per partner. */
export async function produceSignals(
  brokers: Brokers,
  names: TopicNames,
  messages: OutgoingMessage[],
  chunkSize = 2000,
): Promise<void> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const message of messages) {
    const topic = partnerTopicOf(names, partnerOf(message));
    const list = byTopic.get(topic) ?? [];
    list.push(message);
    byTopic.set(topic, list);
  }
  for (const [topic, list] of byTopic) await produceJson(brokers, topic, list, chunkSize);
}

function partnerOf(message: OutgoingMessage): string {
  if (message.partner) return message.partner;
  const value = message.value;
  if (
    value &&
    typeof value === 'object' &&
    !Buffer.isBuffer(value) &&
    typeof (value as { partner?: unknown }).partner === 'string'
  ) {
    return (value as { partner: string }).partner;
  }
  throw new Error('produceSignals needs the partner of a message whose value is not a signal object');
}

/** Produces with acks from all replicas, in chunks small enough for the broker's request size limit. */
export async function produceJson(brokers: Brokers, topic: string, messages: OutgoingMessage[], chunkSize = 2000): Promise<void> {
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
          ...(message.timestamp ? { timestamp: message.timestamp } : {}),
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
  brokers: Brokers,
  topic: string | readonly string[],
  opts: { expected: number | ((messages: ReadMessage[]) => boolean); timeoutMs: number },
): Promise<ReadMessage[]> {
  const received: ReadMessage[] = [];
  const consumer = client(brokers, 'test-reader').consumer({
    groupId: `read-all.${[topic].flat()[0]}.${randomBytes(4).toString('hex')}`,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 250,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic].flat(), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message }) => {
        received.push({
          topic: from,
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
      { timeoutMs: opts.timeoutMs, intervalMs: 100, what: `the expected messages on ${[topic].flat().join(', ')}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return received
    .slice()
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function atLeast(count: number): (messages: ReadMessage[]) => boolean {
  return (messages) => messages.length >= count;
}

function client(brokers: Brokers, clientId: string): Kafka {
  // Transient "coordinator loading" errors are retried by kafkajs; a real failure shows up as a waitFor timeout.
  return new Kafka({ clientId, ...connectionOf(brokers), logLevel: logLevel.NOTHING });
}

export function connectionOf(brokers: Brokers): KafkaConnection {
  return Array.isArray(brokers) ? { brokers } : brokers;
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
