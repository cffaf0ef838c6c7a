import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '@wijksignaal/kafka-local/broker';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import {
  ACTIONS_RETENTION_MS,
  DLQ_RETENTION_MS,
  ensureTopics,
  SIGNALS_RETENTION_MS,
  wijksignaalTopics,
} from '@wijksignaal/kafka-local/topics';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  createTopics,
  partnerTopicOf,
  produceJson,
  readAll,
  uniqueTopicNames,
  type OutgoingMessage,
} from '../support/kafka-kit.ts';
import { startTestBroker } from '../support/test-broker.ts';

const sharedBrokers = inject('kafkaBrokers').split(',');

describe('local Kafka broker', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('accepts a topic, keyed messages with headers, and a consumer-group read', async () => {
    const names = uniqueTopicNames('kafka-local-basic');
    await createTopics(sharedBrokers, names, 3);
    const sent: OutgoingMessage[] = ['GM0363WK01', 'GM0518WK02', 'GM0363WK01', 'GM0599WK03'].map((area, i) => ({
      key: area,
      value: { area, seq: i },
      headers: { partner: 'test-partner', seq: String(i) },
    }));
    const topic = partnerTopicOf(names, 'demo-partner');
    await produceJson(sharedBrokers, topic, sent);

    const read = await readAll(sharedBrokers, topic, { expected: sent.length, timeoutMs: 60_000 });

    expect(read).toHaveLength(sent.length);
    const bySeq = new Map(read.map((message) => [message.headers.seq, message]));
    sent.forEach((message, i) => {
      const got = bySeq.get(String(i));
      expect(got?.key).toBe(message.key);
      expect(JSON.parse(got?.value ?? 'null')).toEqual(message.value);
      expect(got?.headers).toEqual(message.headers);
    });
    // Same key, same partition: per-area ordering depends on it.
    const partitionsOfRepeatedKey = new Set(read.filter((m) => m.key === 'GM0363WK01').map((m) => m.partition));
    expect(partitionsOfRepeatedKey.size).toBe(1);
    const dlq = await readAll(sharedBrokers, names.dlq, { expected: 0, timeoutMs: 30_000 });
    expect(dlq).toEqual([]);
  });

  it('creates the product’s topics with their retention: 28 days of raw signals and actions, 14 of dead letters', async () => {
    const names = uniqueTopicNames('retention');
    const specs = wijksignaalTopics(['thuiszorg-demo'], {
      topicPrefix: names.topicPrefix,
      dlqTopic: names.dlq,
      actionsTopic: names.actions,
    });
    await ensureTopics({ brokers: sharedBrokers }, specs);
    const admin = new Kafka({ clientId: 'retention-test', brokers: sharedBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: specs.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name, configNames: ['retention.ms'] })),
      });
      const retention = Object.fromEntries(resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]));
      expect(retention).toEqual({
        [partnerTopicOf(names, 'thuiszorg-demo')]: String(SIGNALS_RETENTION_MS),
        [names.dlq]: String(DLQ_RETENTION_MS),
        [names.actions]: String(ACTIONS_RETENTION_MS),
      });
      expect(SIGNALS_RETENTION_MS).toBe(28 * 86_400_000);
    } finally {
      await admin.disconnect();
    }
  });

  it('keeps its messages across a stop and a restart on the same data folder', async () => {
    const classpath = await ensureKafkaJars();
    const dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-kafka-restart-'));
    let broker: RunningBroker | undefined = await startTestBroker({ dataDir, classpath, heapMb: 384 });
    cleanups.push(async () => {
      await broker?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const names = uniqueTopicNames('kafka-local-restart');
    // Over SASL_SSL as the broker's admin: the restart must keep its credentials as well as its messages.
    const topic = partnerTopicOf(names, 'demo-partner');
    await createTopics(broker.connectionAs('admin'), names, 3);
    const before = { key: 'GM0363WK01', value: { note: 'written before the restart' }, headers: { phase: 'before' } };
    await produceJson(broker.connectionAs('admin'), topic, [before]);

    const { port, pid } = broker;
    const plaintextPort = Number(broker.plaintextBrokers![0]!.split(':')[1]);
    await broker.stop();
    expect(isAlive(pid)).toBe(false);
    broker = await startBroker({ port, plaintextPort, dataDir, classpath, heapMb: 384 });
    expect(broker.pid).not.toBe(pid);

    const after = { key: 'GM0518WK02', value: { note: 'written after the restart' }, headers: { phase: 'after' } };
    await produceJson(broker.connectionAs('admin'), topic, [after]);
    const read = await readAll(broker.connectionAs('admin'), topic, { expected: 2, timeoutMs: 60_000 });

    expect(read.map((message) => message.headers.phase).sort()).toEqual(['after', 'before']);
    const survivor = read.find((message) => message.headers.phase === 'before');
    expect(survivor?.key).toBe(before.key);
    expect(JSON.parse(survivor?.value ?? 'null')).toEqual(before.value);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
