import { startBroker, type RunningBroker } from '@wijksignaal/kafka-local/broker';
import { freePort } from '@wijksignaal/kafka-local/free-port';

/**
 * A broker for tests on a port that was free a moment ago. Other test runs on the machine may grab that port
 * between the probe and the broker's bind, so "address in use" is retried on a new port.
 */
export async function startTestBroker(opts: { dataDir: string; classpath: string; heapMb?: number }): Promise<RunningBroker> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBroker({ ...opts, port: await freePort() });
    } catch (err) {
      const inUse = err instanceof Error && err.message.includes('Address already in use');
      if (!inUse || attempt >= 3) throw err;
    }
  }
}
