import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import type { TestProject } from 'vitest/node';
import { startTestBroker } from './test-broker.ts';

/**
 * One real broker per test project, in its own temp folder on free ports, removed again after the run. It is
 * secured like production (SASL_SSL with SCRAM-SHA-512, ACLs) and also has the demo's loopback plaintext
 * listener. Tests read the plaintext address with `inject('kafkaBrokers')`, the SASL_SSL one with
 * `inject('kafkaSaslBrokers')` (credentials in `inject('kafkaBrokerDir')`, see secure-kafka.ts), and create
 * their own uniquely named topics.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const classpath = await ensureKafkaJars({ log: (line) => console.log(`[kafka] ${line}`) });
  const dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-test-kafka-'));
  try {
    const broker = await startTestBroker({ dataDir, classpath });
    provide('kafkaBrokers', broker.plaintextBrokers!.join(','));
    provide('kafkaSaslBrokers', broker.saslBrokers.join(','));
    provide('kafkaBrokerDir', dataDir);
    return async () => {
      await broker.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (err) {
    // Keep the folder: broker.log in it explains the failure.
    throw new Error(`Could not start the test Kafka broker: ${err instanceof Error ? err.message : String(err)}`);
  }
}
