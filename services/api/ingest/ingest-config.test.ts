import { describe, expect, it } from 'vitest';
import { ConfigError, parseApiConfig } from '../config.ts';
import { DEFAULT_INGEST } from './ingest-settings.ts';

describe('partner ingest settings in the API config', () => {
  it('is off without KAFKA_BROKERS and uses the documented default limits', () => {
    const config = parseApiConfig([], {}, '/srv');
    expect(config.ingest).toEqual({ kafka: undefined, limits: DEFAULT_INGEST });
    expect(DEFAULT_INGEST).toMatchObject({ maxSignalsBodyBytes: 1_048_576, maxBatchItems: 1000, ratePerSecond: 5, burst: 20 });
  });

  it('produces to the contract topics on KAFKA_BROKERS, or to the topics the flags name', () => {
    expect(parseApiConfig([], { KAFKA_BROKERS: 'a:9092, b:9093' }, '/srv').ingest.kafka).toEqual({
      settings: { brokers: ['a:9092', 'b:9093'], username: undefined, passwordFile: undefined, caFile: undefined },
      topicPrefix: 'signals.v1',
      dlqTopic: 'signals.v1.dlq',
      actionsTopic: 'actions.v1',
    });
    const flagged = parseApiConfig(['--topic-prefix', 't1', '--dlq-topic', 't1.dlq'], { KAFKA_BROKERS: 'a:1' }, '/srv');
    expect(flagged.ingest.kafka).toMatchObject({ topicPrefix: 't1', dlqTopic: 't1.dlq' });
  });

  it('takes the SASL_SSL credentials from the environment', () => {
    const env = {
      KAFKA_BROKERS: 'k:9093',
      KAFKA_USERNAME: 'wijksignaal-api',
      KAFKA_PASSWORD_FILE: '/s/p',
      KAFKA_CA_FILE: '/s/ca.pem',
    };
    expect(parseApiConfig([], env, '/srv').ingest.kafka?.settings).toEqual({
      brokers: ['k:9093'],
      username: 'wijksignaal-api',
      passwordFile: '/s/p',
      caFile: '/s/ca.pem',
    });
  });

  it('reads the limits from the environment', () => {
    const env = {
      INGEST_MAX_BODY_BYTES: '2048',
      MAX_BODY_BYTES: '4096',
      INGEST_MAX_SIGNALS: '10',
      INGEST_MAX_JSON_DEPTH: '4',
      INGEST_RATE_PER_SECOND: '0.5',
      INGEST_BURST: '3',
      RETENTION_WEEKS: '52',
    };
    expect(parseApiConfig([], env, '/srv').ingest.limits).toEqual({
      maxSignalsBodyBytes: 2048,
      maxOtherBodyBytes: 4096,
      maxBatchItems: 10,
      maxJsonDepth: 4,
      ratePerSecond: 0.5,
      burst: 3,
      retentionWeeks: 52,
    });
  });

  it.each([
    [{ KAFKA_BROKERS: 'no-port' }, /KAFKA_BROKERS must be host:port/],
    [{ INGEST_RATE_PER_SECOND: '0' }, /INGEST_RATE_PER_SECOND must be a number of requests per second above 0/],
    [{ INGEST_MAX_SIGNALS: 'many' }, /INGEST_MAX_SIGNALS must be a whole number of signals/],
  ])('rejects %j with a one-line ConfigError', (env, message) => {
    expect(() => parseApiConfig([], env, '/srv')).toThrow(ConfigError);
    expect(() => parseApiConfig([], env, '/srv')).toThrow(message);
  });
});
