import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import type { Log } from '../log/logger.ts';
import { isTransientKafkaError } from './transient-kafka-error.ts';

/**
 * How long a consumer restarts itself after crashes kafkajs does not follow up, as long as each says the
 * broker was away (`isTransientKafkaError`): long enough for a broker restart on a loaded machine (30 s and
 * more on the 2-core CI box), short enough that a coordinator that never answers, which kafkajs reports the
 * same way as one that was restarting, still stops the pipeline visibly.
 */
export const RESTART_WINDOW_MS = 120_000;
const RESTART_DELAY_MS = 1_000;

export interface SelfRestart {
  /** Runs the consumer; the same settings are used for every restart. */
  run(config: ConsumerRunConfig): Promise<void>;
  /** The consumer joined its group: whatever went wrong before is over. */
  joined(): void;
  /** kafkajs crashed the consumer and will not restart it (CRASH with `restart: false`). */
  gaveUp(error: Error | undefined): void;
  /** Disconnects for good: no restart after this. */
  stop(): Promise<void>;
}

/**
 * Restarts a kafkajs consumer that kafkajs crashed and left disconnected, when the crash says the broker was
 * away and it has not been so for longer than `windowMs`; otherwise `onFatal`. kafkajs has disconnected the
 * consumer before it reports such a crash, so a restart is a fresh connect and run (a new group member that
 * seeks to the stored offsets when it is assigned its partitions).
 */
export function consumerSelfRestart(
  consumer: Consumer,
  opts: { what: string; log: Log; onFatal: (error: Error) => void; windowMs?: number },
): SelfRestart {
  const windowMs = opts.windowMs ?? RESTART_WINDOW_MS;
  let config: ConsumerRunConfig | null = null;
  let stopped = false;
  let troubleSince: number | null = null;
  let timer: NodeJS.Timeout | null = null;

  const giveUpOrRetry = (error: unknown) => {
    if (stopped) return;
    const message = error instanceof Error ? error.message : String(error);
    troubleSince ??= Date.now();
    if (!isTransientKafkaError(error) || Date.now() - troubleSince > windowMs) {
      opts.onFatal(new Error(`the consumer of ${opts.what} stopped: ${message}`));
      return;
    }
    opts.log('consumer.restarting', { error: message, inMs: RESTART_DELAY_MS }, 'warn');
    timer = setTimeout(restart, RESTART_DELAY_MS);
  };
  const restart = () => {
    timer = null;
    if (stopped || !config) return;
    const again = config;
    // A failed join after this crashes again (and comes back here); a failed connect is retried from here.
    consumer
      .connect()
      // Stopped while connecting: stop() has disconnected already, so this connection would stay open.
      .then(() => (stopped ? consumer.disconnect() : consumer.run(again)))
      .catch(giveUpOrRetry);
  };

  return {
    run(runConfig) {
      config = runConfig;
      return consumer.run(runConfig);
    },
    joined() {
      troubleSince = null;
    },
    gaveUp: giveUpOrRetry,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await consumer.disconnect();
    },
  };
}
