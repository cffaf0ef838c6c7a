import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaConnectionError, kafkaConnection } from './kafka-connection.ts';

describe('how a Wijksignaal process reaches Kafka', () => {
  it('speaks plaintext only to a broker on this machine', () => {
    expect(kafkaConnection({ brokers: ['127.0.0.1:9092', 'localhost:9092'] })).toEqual({
      brokers: ['127.0.0.1:9092', 'localhost:9092'],
    });
    expect(() => kafkaConnection({ brokers: ['kafka.ggd.local:9093'] })).toThrow(
      /kafka\.ggd\.local:9093 is not on this machine: set KAFKA_USERNAME, KAFKA_PASSWORD_FILE and KAFKA_CA_FILE/,
    );
  });

  it('signs in with SCRAM-SHA-512 over TLS with the given CA when all three settings are there, and only then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-'));
    writeFileSync(join(dir, 'password'), 's3cret\n');
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const settings = {
      brokers: ['kafka.ggd.local:9093'],
      username: 'wijksignaal-pipeline',
      passwordFile: join(dir, 'password'),
      caFile: join(dir, 'ca.pem'),
    };
    expect(kafkaConnection(settings)).toEqual({
      brokers: ['kafka.ggd.local:9093'],
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\n'] },
      sasl: { mechanism: 'scram-sha-512', username: 'wijksignaal-pipeline', password: 's3cret' },
    });
    expect(() => kafkaConnection({ ...settings, caFile: undefined })).toThrow(/needs all three/);
    expect(() => kafkaConnection({ ...settings, passwordFile: join(dir, 'missing') })).toThrow(KafkaConnectionError);
    expect(() => kafkaConnection({ brokers: ['no-port'] })).toThrow(/host:port/);
  });
});
