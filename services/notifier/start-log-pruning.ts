import type { NotifierState } from './notifier-state.ts';
import { notifierLogLine } from './notifier-log-line.ts';

const DAY_MS = 86_400_000;
/** How often the delivery log is pruned after the prune at start. */
const PRUNE_EVERY_MS = 6 * 3_600_000;

/**
 * Keeps the delivery log to NOTIFIER_LOG_DAYS: a finished delivery goes that many days after its last change,
 * pending ones stay until they end. Prunes once before it returns, then every six hours.
 */
export async function startLogPruning(options: {
  state: NotifierState;
  logDays: number;
  now: () => Date;
  log: (line: string) => void;
}): Promise<{ stop(): void }> {
  const { state, logDays, now, log } = options;
  const prune = async () => {
    const pruned = await state.pruneFinished(now().getTime() - logDays * DAY_MS);
    if (pruned > 0) log(notifierLogLine(now(), 'info', 'deliveries.pruned', { deliveries: pruned, logDays }));
  };
  await prune();
  const timer = setInterval(() => {
    prune().catch((error: unknown) => log(notifierLogLine(now(), 'error', 'deliveries.prune_failed', { error: String(error) })));
  }, PRUNE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
