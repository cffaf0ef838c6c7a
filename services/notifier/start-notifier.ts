import { startDispatcher } from './dispatch-deliveries.ts';
import { followLatest } from './follow-latest.ts';
import { notifierLogLine } from './notifier-log-line.ts';
import type { NotifierConfig } from './notifier-config.ts';
import { openNotifierState, type NotifierState } from './notifier-state.ts';
import { queueFromSnapshot } from './queue-from-snapshot.ts';
import { startLogPruning } from './start-log-pruning.ts';

export interface NotifierOptions {
  config: NotifierConfig;
  /** The clock (tests pass one in a chosen week). */
  now?: () => Date;
  /** Jitter of the backoff (default Math.random). */
  random?: () => number;
  /** Where lines go (default stdout). */
  log?: (line: string) => void;
}

export interface RunningNotifier {
  state: NotifierState;
  /** Reads LATEST now and queues what a new snapshot brings (tests call it instead of waiting for the poll). */
  check(): Promise<void>;
  /** Stops following, lets attempts in flight be recorded, and closes the state file. */
  close(): Promise<void>;
}

/** The notifier: follows the serving snapshots and delivers what they bring to the subscribers' webhooks. */
export async function startNotifier(options: NotifierOptions): Promise<RunningNotifier> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const state = await openNotifierState(config.stateFile);
  const pruning = await startLogPruning({ state, logDays: config.logDays, now, log });
  const dispatcher = startDispatcher({
    state,
    secret: config.secret,
    settings: config.delivery,
    idleMs: config.pollMs,
    now,
    random: options.random ?? Math.random,
    log,
  });
  const follower = followLatest(
    config.snapshotDir,
    config.pollMs,
    async (conn, fileName) => {
      const queued = await queueFromSnapshot(conn, state, config, now(), log);
      if (queued.alarms + queued.digests > 0) {
        const { alarms, digests, lastSeq } = queued;
        log(notifierLogLine(now(), 'info', 'deliveries.queued', { snapshot: fileName, alarms, digests, lastSeq }));
      }
      dispatcher.wake();
    },
    log,
  );
  await follower.check();
  return {
    state,
    check: () => follower.check(),
    async close() {
      pruning.stop();
      await follower.close();
      await dispatcher.close();
      await state.close();
    },
  };
}
