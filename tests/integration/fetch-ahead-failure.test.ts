import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FetchAhead } from '../../pipelines/consume/fetch-ahead.ts';
import { startSignalConsumer } from '../../pipelines/consume/signal-consumer.ts';
import type { IncomingBatch } from '../../pipelines/consume/batch-handler.ts';
import type { StoredOffsets } from '../../pipelines/store/read-state.ts';
import { createTopics, produceJson, uniqueTopicNames } from '../support/kafka-kit.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const names = uniqueTopicNames('fetch-ahead');
const topic = `${names.topicPrefix}.partner.demo-partner`;
const PARTITIONS = 3;
const PER_ROUND = 300;

let consumer: Consumer | null = null;
const fetchAhead = new FetchAhead();
afterAll(async () => {
  await consumer?.disconnect();
  await fetchAhead.drain();
});

const produce = (from: number) =>
  produceJson(
    brokers,
    topic,
    Array.from({ length: PER_ROUND }, (_, i) => ({ key: `k${from + i}`, value: { n: from + i } })),
  );

describe('a signal consumer that fetches ahead (real broker)', () => {
  it('handles every offset once and in order per partition although batches fail, the last on its partition among them', async () => {
    await createTopics(brokers, [topic], PARTITIONS);
    await produce(0);
    // The stand-in for the live database: what each partition committed, in order, and where it continues.
    const stored: StoredOffsets = new Map([[topic, new Map()]]);
    const committed = new Map<number, number[]>();
    const failures: string[] = [];
    const failOnce = new Set(['1:first', '0:second']);
    const seen = new Map<number, number>();
    const onBatch = async (batch: IncomingBatch, storedNext: bigint | undefined): Promise<bigint | null> => {
      const fresh = batch.messages.filter((m) => storedNext === undefined || BigInt(m.offset) >= storedNext);
      if (fresh.length === 0) return null;
      const round = seen.get(batch.partition) ?? 0;
      seen.set(batch.partition, round + 1);
      // Partition 1 fails its first batch; partition 0 the first batch of the second round, which is the
      // last on the partition until more is produced: nothing follows it to report the failure.
      const which = `${batch.partition}:${BigInt(fresh[0]!.offset) === 0n ? 'first' : 'second'}`;
      await new Promise((resolve) => setImmediate(resolve));
      if (failOnce.delete(which)) throw new Error(`failing ${which}`);
      committed.set(batch.partition, [...(committed.get(batch.partition) ?? []), ...fresh.map((m) => Number(m.offset))]);
      return BigInt(fresh.at(-1)!.offset) + 1n;
    };
    consumer = await startSignalConsumer({
      kafka: new Kafka({ clientId: 'fetch-ahead-test', brokers, logLevel: logLevel.NOTHING }),
      groupId: names.groupId,
      topics: [topic],
      storedOffsets: stored,
      sessionTimeoutMs: 10_000,
      onBatch,
      log: (event, fields) => {
        if (event === 'batch.failed') failures.push(String(fields?.error));
      },
      onFatal: (error) => failures.push(`fatal: ${error.message}`),
      partitionsConcurrently: PARTITIONS,
      fetchAhead,
    });
    const total = () => [...committed.values()].reduce((a, offsets) => a + offsets.length, 0);
    await waitFor(() => total() === PER_ROUND || undefined, { timeoutMs: 60_000, what: 'the first round committed' });
    await produce(PER_ROUND);
    await waitFor(() => total() === 2 * PER_ROUND || undefined, { timeoutMs: 90_000, what: 'both rounds committed' });

    expect(failures.sort()).toEqual(['failing 0:second', 'failing 1:first']);
    for (const [partition, offsets] of committed) {
      expect(offsets).toEqual(offsets.map((_, i) => i));
      expect(stored.get(topic)!.get(partition)).toBe(BigInt(offsets.length));
    }
  });
});
