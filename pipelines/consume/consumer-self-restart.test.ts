import { KafkaJSGroupCoordinatorNotFound, type Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkajsError } from '../../tests/support/kafkajs-error.ts';
import { waitFor } from '../../tests/support/wait-for.ts';
import { consumerSelfRestart } from './consumer-self-restart.ts';

const coordinatorNotFound = () => kafkajsError(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator');

/**
 * The restart policy over a stand-in for a kafkajs consumer whose broker never comes back (connect keeps
 * failing the way kafkajs fails it): the real consumer's recovery is tested on a real broker in
 * tests/integration/consumer-self-restart.test.ts.
 */
function brokerThatStaysAway() {
  const calls: string[] = [];
  const consumer = {
    connect: () => {
      calls.push('connect');
      return Promise.reject(coordinatorNotFound());
    },
    run: () => {
      calls.push('run');
      return Promise.resolve();
    },
    disconnect: () => {
      calls.push('disconnect');
      return Promise.resolve();
    },
  } as unknown as Consumer;
  return { consumer, calls };
}

describe('consumerSelfRestart', () => {
  it('keeps trying while the broker is away, then stops the pipeline once the window has passed', async () => {
    const { consumer, calls } = brokerThatStaysAway();
    const events: string[] = [];
    const fatal: Error[] = [];
    const restart = consumerSelfRestart(consumer, {
      what: 'signals',
      log: (event) => events.push(event),
      onFatal: (error) => fatal.push(error),
      windowMs: 1,
    });
    await restart.run({});
    restart.gaveUp(coordinatorNotFound());
    const [error] = await waitFor(() => fatal.length > 0 && fatal, { timeoutMs: 10_000, what: 'onFatal' });
    expect(error!.message).toBe('the consumer of signals stopped: Failed to find group coordinator');
    expect(events).toEqual(['consumer.restarting']);
    expect(calls).toEqual(['run', 'connect']);
  });
});
