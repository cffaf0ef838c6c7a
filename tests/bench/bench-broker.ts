import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBroker } from '@wijksignaal/kafka-local/broker';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';

export interface BenchBroker {
  brokers: string;
  own: boolean;
  stop(): Promise<void>;
}

/**
 * KAFKA_BROKERS when set (the bench then only adds and removes its own topics), otherwise a local broker
 * of its own on a free port, in $DATA_DIR/bench/kafka, started clean each run so old runs do not fill the disk.
 */
export async function benchBroker(
  benchDir: string,
  external: string | undefined,
  log: (line: string) => void,
): Promise<BenchBroker> {
  if (external) return { brokers: external, own: false, stop: async () => undefined };
  const dataDir = join(benchDir, 'kafka');
  rmSync(dataDir, { recursive: true, force: true });
  const classpath = await ensureKafkaJars({ log });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 1 GB heap: a million records through one broker with kcat and the pipeline reading at once.
      // Measured on the loopback plaintext listener, like kcat next to it.
      const broker = await startBroker({
        port: await freePort(),
        plaintextPort: await freePort(),
        dataDir,
        classpath,
        heapMb: 1024,
        log,
      });
      return {
        brokers: broker.plaintextBrokers!.join(','),
        own: true,
        stop: async () => {
          await broker.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error; // most likely another process took the free port first
    }
  }
  throw lastError;
}
