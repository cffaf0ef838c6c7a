import { startBroker, type RunningBroker } from '@wijksignaal/kafka-local/broker';
import { freePort } from '@wijksignaal/kafka-local/free-port';

/**
 * A broker for tests on ports that were free a moment ago (SASL_SSL and loopback plaintext). Other test runs
 * on the machine may grab a port between the probe and the broker's bind, so "address in use" is retried on
 * new ports.
 */
export async function startTestBroker(opts: { dataDir: string; classpath: string; heapMb?: number }): Promise<RunningBroker> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBroker({ ...opts, port: await freePort(), plaintextPort: await freePort() });
    } catch (err) {
      const inUse = err instanceof Error && err.message.includes('Address already in use');
      if (!inUse || attempt >= 3) throw err;
    }
  }
}
