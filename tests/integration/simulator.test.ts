import { describe, expect, inject, it } from 'vitest';
import { isoWeekFromDate, mondayOfIsoWeek } from '@wijksignaal/contracts/iso-week';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { createSignalProducer } from '@wijksignaal/simulator/producer';
import { formatSummary, produceCount, runDemoStream } from '@wijksignaal/simulator/simulate';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { createTopics, partnerTopicOf, readAll, uniqueTopicNames, type TopicNames } from '../support/kafka-kit.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const registry = generateDemoRegion();
const producerFor = (names: TopicNames) =>
  createSignalProducer({ connection: { brokers }, topicPrefix: names.topicPrefix, partners: DEMO_PARTNERS });
const partnerTopics = (names: TopicNames) => DEMO_PARTNERS.map((p) => partnerTopicOf(names, p));

describe('simulator against a real broker', () => {
  it('produces exactly the generated records, keyed by wijk, in order per wijk', async () => {
    const names = uniqueTopicNames('simulator-count');
    await createTopics(brokers, names, 3);
    const options = { registry, count: 20_000, seed: 'sim-it', badShare: 0.02, duplicateShare: 0.01, endWeek: '2026-W40' };
    const producer = producerFor(names);
    await producer.connect();
    const summary = await produceCount({ ...options, producer });
    await producer.disconnect();
    console.log(formatSummary(summary)); // a figure for the report, not an assertion

    expect(summary.produced).toBe(20_000);
    const expected = generateMessages(options).messages;
    const received = await readAll(brokers, partnerTopics(names), { expected: 20_000, timeoutMs: 120_000 });
    expect(received).toHaveLength(20_000);
    // Each record went to the topic of the partner it was made for (a mismatch test record claims another).
    const placed = (topic: string, value: string | Buffer | null) => `${topic}\n${value?.toString() ?? ''}`;
    expect(received.map((r) => placed(r.topic, r.value)).sort()).toEqual(
      expected.map((m) => placed(partnerTopicOf(names, m.partner), m.value)).sort(),
    );

    // Kafka keeps order per partition, and one wijk of one partner's topic always maps to one partition.
    const sequence = (items: { topic: string; key: string | null; value: string | null }[]): Map<string, string[]> => {
      const byKey = new Map<string, string[]>();
      for (const item of items) {
        const where = `${item.topic}|${item.key ?? ''}`;
        byKey.set(where, [...(byKey.get(where) ?? []), item.value ?? '']);
      }
      return byKey;
    };
    const expectedByKey = sequence(
      expected.map((m) => ({
        topic: partnerTopicOf(names, m.partner),
        key: m.key,
        value: typeof m.value === 'string' ? m.value : m.value.toString('utf8'),
      })),
    );
    expect(sequence(received)).toEqual(expectedByKey);
    const partitionOfKey = new Map<string, Set<number>>();
    for (const r of received) {
      const where = `${r.topic}|${r.key ?? ''}`;
      partitionOfKey.set(where, (partitionOfKey.get(where) ?? new Set()).add(r.partition));
    }
    expect([...partitionOfKey.values()].every((p) => p.size === 1)).toBe(true);
    expect(new Set(received.map((r) => r.partition)).size).toBe(3);
  });

  it('refuses a topic that does not exist with a one-line reason', async () => {
    const producer = producerFor(uniqueTopicNames('simulator-missing'));
    await expect(producer.connect()).rejects.toThrow(/does not exist/);
    await producer.disconnect();
  });

  it('backfills history, then trickles the current week until stopped', async () => {
    const names = uniqueTopicNames('simulator-demo');
    await createTopics(brokers, names, 3);
    // Wednesday noon: the first live tick sends about the first 36% of the week's records.
    const wednesday = new Date(mondayOfIsoWeek(isoWeekFromDate(new Date())).getTime() + 2.5 * 86_400_000);
    const producer = producerFor(names);
    await producer.connect();
    const abort = new AbortController();
    const lines: string[] = [];
    const running = runDemoStream({
      registry,
      producer,
      seed: 'demo-it',
      historyYears: 0.25,
      liveIntervalMs: 100,
      now: () => wednesday,
      signal: abort.signal,
      log: (line) => lines.push(line),
    });
    await waitFor(() => lines.some((l) => l.startsWith('backfill done')), { timeoutMs: 60_000, what: 'the backfill' });
    const backfilled = Number(/backfill done: (\d+)/.exec(lines.find((l) => l.startsWith('backfill done')) ?? '')?.[1]);
    await readAll(brokers, partnerTopics(names), { expected: backfilled + 2, timeoutMs: 60_000 });
    abort.abort();
    const result = await running;
    await producer.disconnect();

    expect(result.backfilled).toBe(backfilled);
    expect(result.backfilled).toBeGreaterThan(1000);
    expect(result.live).toBeGreaterThan(1);
    const all = await readAll(brokers, partnerTopics(names), { expected: result.backfilled + result.live, timeoutMs: 60_000 });
    expect(all).toHaveLength(result.backfilled + result.live);
    const currentWeek = isoWeekFromDate(wednesday);
    const weeks = all.map((m) => {
      try {
        return (JSON.parse(m.value ?? '') as { week?: string }).week;
      } catch {
        return undefined; // a deliberately malformed record
      }
    });
    expect(weeks.filter((w) => w === currentWeek).length).toBeGreaterThan(1);
    expect(lines.some((l) => l.includes('injected outbreaks'))).toBe(true);
  });
});
