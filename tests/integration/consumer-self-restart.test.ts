import { Kafka, KafkaJSGroupCoordinatorNotFound, KafkaJSNonRetriableError, logLevel } from 'kafkajs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startSignalConsumer, type RunningConsumer } from '@wijksignaal/pipelines/consume/signal-consumer';
import { createTopics, produceJson } from '../support/kafka-kit.ts';
import { kafkajsError } from '../support/kafkajs-error.ts';
import { waitFor } from '../support/wait-for.ts';
import { randomBytes } from 'node:crypto';

const brokers = inject('kafkaBrokers').split(',');
const running: RunningConsumer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.disconnect()));
});

/**
 * A real consumer on the test broker whose batch handler throws `failure(call)` when that is not null. kafkajs
 * crashes a consumer without restarting it when the root error is not retriable; which error kafkajs itself
 * raises at which moment of a broker restart cannot be timed from a test, so the handler raises the same error
 * at a known moment (the first batch) and the consumer's own recovery is what is tested.
 */
async function consumeTen(failure: (call: number) => Error | null) {
  const topic = `self-restart.${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  await createTopics(brokers, [topic], 1);
  const values = Array.from({ length: 10 }, (_, i) => `m${i}`);
  await produceJson(
    brokers,
    topic,
    values.map((value) => ({ key: null, value })),
  );
  const handled = new Set<string>();
  const events: string[] = [];
  const fatal: Error[] = [];
  let calls = 0;
  const consumer = await startSignalConsumer({
    kafka: new Kafka({ clientId: 'self-restart-test', brokers, logLevel: logLevel.NOTHING }),
    groupId: `${topic}.group`,
    topics: [topic],
    storedOffsets: new Map([[topic, new Map()]]),
    sessionTimeoutMs: 6_000,
    onBatch: async (batch) => {
      const error = failure(++calls);
      if (error) throw error;
      for (const m of batch.messages) handled.add(m.value!.toString());
      return BigInt(batch.messages.at(-1)!.offset) + 1n;
    },
    log: (event) => events.push(event),
    onFatal: (error) => fatal.push(error),
  });
  running.push(consumer);
  return { values, handled, events, fatal };
}

describe('a consumer that kafkajs crashed and left stopped (real broker)', () => {
  it('restarts itself when the crash says the broker was away, and reads everything from the stored offsets', async () => {
    const run = await consumeTen((call) =>
      call === 1 ? kafkajsError(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator') : null,
    );
    await waitFor(() => run.handled.size === run.values.length, {
      timeoutMs: 60_000,
      what: 'all ten messages after the restart',
    });
    expect([...run.handled].sort()).toEqual(run.values);
    expect(run.events).toContain('consumer.restarting');
    expect(run.fatal).toEqual([]);
  });

  it('stops the pipeline at once for an error that is not the broker being away', async () => {
    const run = await consumeTen(() => new KafkaJSNonRetriableError('Not authorized to access group'));
    const [error] = await waitFor(() => run.fatal.length > 0 && run.fatal, { timeoutMs: 60_000, what: 'onFatal' });
    expect(error!.message).toContain('Not authorized to access group');
    expect(run.events).not.toContain('consumer.restarting');
    expect(run.handled.size).toBe(0);
  });
});
