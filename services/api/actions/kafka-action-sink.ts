import type { UserAction } from '@wijksignaal/contracts/user-action';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { lazyProducer } from '../ingest/lazy-producer.ts';
import { SinkUnavailableError } from '../ingest/signal-sink.ts';
import type { ActionSink } from './action-sink.ts';

/**
 * Produces user actions to the actions topic as JSON, keyed by what they act on (the alarm or the
 * subscription), with the API's idempotent producer. The pipeline stores them once per action id.
 */
export function kafkaActionSink(options: { connection: KafkaConnection; topic: string }): ActionSink {
  const producer = lazyProducer(options.connection);
  return {
    async send(action) {
      try {
        const p = await producer.connected();
        await p.send({ topic: options.topic, acks: -1, messages: [{ key: keyOf(action), value: JSON.stringify(action) }] });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new SinkUnavailableError(`Kafka at ${options.connection.brokers.join(',')} did not take the action (${reason})`);
      }
    },
    close: () => producer.close(),
  };
}

function keyOf(action: UserAction): string {
  return action.type === 'alarm.triage' ? action.alarmId : action.subscriptionId;
}
