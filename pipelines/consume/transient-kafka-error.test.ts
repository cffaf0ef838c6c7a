import {
  KafkaJSConnectionError,
  KafkaJSGroupCoordinatorNotFound,
  KafkaJSLockTimeout,
  KafkaJSNonRetriableError,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkajsError } from '../../tests/support/kafkajs-error.ts';
import { isTransientKafkaError } from './transient-kafka-error.ts';

describe('isTransientKafkaError', () => {
  it('takes the broker being away or slow for transient, also when kafkajs wraps it as not retriable', () => {
    expect(isTransientKafkaError(kafkajsError(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator'))).toBe(true);
    expect(isTransientKafkaError(kafkajsError(KafkaJSLockTimeout, 'Timeout while acquiring lock (3 waiting locks)'))).toBe(true);
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(isTransientKafkaError(Object.assign(new KafkaJSNonRetriableError(refused), { cause: refused }))).toBe(true);
  });

  it('does not take a refusal or a bug for transient', () => {
    expect(isTransientKafkaError(kafkajsError(KafkaJSSASLAuthenticationError, 'SASL SCRAM SHA512 authentication failed'))).toBe(
      false,
    );
    expect(isTransientKafkaError(new KafkaJSProtocolError('Not authorized to access group'))).toBe(false);
    expect(isTransientKafkaError(new KafkaJSNonRetriableError('Cannot subscribe to topic while consumer is running'))).toBe(
      false,
    );
    expect(isTransientKafkaError(new TypeError("Cannot read properties of undefined (reading 'offset')"))).toBe(false);
    expect(isTransientKafkaError('ECONNREFUSED')).toBe(false);
  });
});
