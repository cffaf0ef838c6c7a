import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import type { TestProject } from 'vitest/node';
import { startTestBroker } from './test-broker.ts';

/**
 * One real broker per test project: the one in KAFKA_BROKERS if set, otherwise a fresh local broker in its
 * own temp folder on a free port, removed again after the run. Tests read the address with
 * `inject('kafkaBrokers')` and create their own uniquely named topics.
 */
export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const external = process.env.KAFKA_BROKERS?.trim();
  if (external) {
    provide('kafkaBrokers', external);
    return async () => {};
  }
  const classpath = await ensureKafkaJars({ log: (line) => console.log(`[kafka] ${line}`) });
  const dataDir = await mkdtemp(join(tmpdir(), 'wijksignaal-test-kafka-'));
  try {
    const broker = await startTestBroker({ dataDir, classpath });
    provide('kafkaBrokers', broker.brokers.join(','));
    return async () => {
      await broker.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (err) {
    // Keep the folder: broker.log in it explains the failure.
    throw new Error(
      `Could not start the test Kafka broker (set KAFKA_BROKERS to use an existing one): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
