import { describe, expect, it } from 'vitest';
import { ConfigError, parseKafkaLocalConfig } from './kafka-local-config.ts';

describe('npm run kafka settings', () => {
  it('defaults to SASL_SSL on 9093 and the demo plaintext listener on 9092, both on loopback', () => {
    expect(parseKafkaLocalConfig([], {})).toMatchObject({ port: 9093, plaintextPort: 9092, host: '127.0.0.1' });
  });

  it('has no plaintext listener when the broker listens beyond this machine, and refuses one asked for', () => {
    expect(parseKafkaLocalConfig([], { KAFKA_HOST: '0.0.0.0' }).plaintextPort).toBeNull();
    expect(() => parseKafkaLocalConfig([], { KAFKA_HOST: '0.0.0.0', KAFKA_PLAINTEXT_PORT: '9092' })).toThrow(ConfigError);
    expect(() => parseKafkaLocalConfig([], { KAFKA_HOST: '10.1.2.3', KAFKA_PLAINTEXT_PORT: '9092' })).toThrow(
      /plaintext is refused there; set KAFKA_PLAINTEXT_PORT=off/,
    );
    expect(parseKafkaLocalConfig([], { KAFKA_PLAINTEXT_PORT: 'off' }).plaintextPort).toBeNull();
  });
});
