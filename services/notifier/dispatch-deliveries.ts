import { webhookKey } from '@wijksignaal/alarm-delivery/webhook-key';
import { backoffDelay } from './backoff-delay.ts';
import type { DeliverySettings } from './notifier-config.ts';
import { notifierLogLine } from './notifier-log-line.ts';
import type { DueDelivery, NotifierState } from './notifier-state.ts';
import { postWebhook } from './post-webhook.ts';

export interface DispatchOptions {
  state: NotifierState;
  secret: string;
  settings: DeliverySettings;
  /** The longest the dispatcher sleeps before looking for due deliveries again. */
  idleMs: number;
  now: () => Date;
  random: () => number;
  /** One JSON line per attempt. */
  log: (line: string) => void;
}

export interface Dispatcher {
  /** Look for due deliveries now (a snapshot queued some). */
  wake(): void;
  /** Stops starting attempts and waits for the ones in flight to be recorded. */
  close(): Promise<void>;
}

/**
 * Sends due deliveries, at most `concurrency` at once. Each attempt and the delivery's new state are stored in
 * one transaction: a 2xx is `delivered` and never sent again; a failure waits `backoffDelay` and is tried
 * again, until `maxAttempts`, then `failed`. Every attempt is a row of `delivery_attempts` and a log line
 * (ids, status, outcome; never the body).
 */
export function startDispatcher(options: DispatchOptions): Dispatcher {
  const { state, settings } = options;
  const sending = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let pumping: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function attempt(delivery: DueDelivery): Promise<void> {
    const attemptNo = delivery.attempts + 1;
    const started = options.now();
    const answer = await postWebhook({
      url: delivery.url,
      body: delivery.body,
      key: webhookKey(options.secret, delivery.subscriptionId),
      deliveryId: delivery.deliveryId,
      kind: delivery.kind,
      nowSeconds: Math.floor(started.getTime() / 1000),
      timeoutMs: settings.timeoutMs,
      addresses: settings.addresses,
    });
    const ended = options.now().getTime();
    const delivered = answer.error === null;
    const outOfAttempts = !delivered && attemptNo >= settings.maxAttempts;
    const stateAfter = delivered ? 'delivered' : answer.refused ? 'refused' : outOfAttempts ? 'failed' : 'pending';
    const nextAttemptAtMs = stateAfter === 'pending' ? ended + backoffDelay(attemptNo, settings.backoff, options.random) : null;
    const durationMs = Math.max(0, ended - started.getTime());
    await state.recordAttempt({
      deliveryId: delivery.deliveryId,
      attempt: attemptNo,
      atMs: started.getTime(),
      status: answer.status,
      error: answer.error,
      durationMs,
      state: stateAfter,
      nextAttemptAtMs,
    });
    options.log(
      notifierLogLine(new Date(ended), delivered ? 'info' : 'warn', 'webhook.attempt', {
        deliveryId: delivery.deliveryId,
        subscriptionId: delivery.subscriptionId,
        kind: delivery.kind,
        attempt: attemptNo,
        status: answer.status,
        error: answer.error,
        outcome: stateAfter === 'pending' ? 'retry' : stateAfter,
        durationMs,
      }),
    );
  }

  async function pumpOnce(): Promise<void> {
    const free = settings.concurrency - sending.size;
    if (free > 0) {
      const due = await state.due(options.now().getTime(), settings.concurrency);
      for (const delivery of due.filter((d) => !sending.has(d.deliveryId)).slice(0, free)) {
        if (closed) break;
        const running = attempt(delivery)
          .catch((error: unknown) => options.log(`notifier: recording delivery ${delivery.deliveryId} failed (${String(error)})`))
          .finally(() => {
            sending.delete(delivery.deliveryId);
            wake();
          });
        sending.set(delivery.deliveryId, running);
      }
    }
    const next = await state.nextDueMs();
    const wait = next === null ? options.idleMs : Math.min(options.idleMs, Math.max(5, next - options.now().getTime()));
    if (!closed) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(wake, wait);
    }
  }

  function wake(): void {
    if (closed) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = (async () => {
      do {
        again = false;
        try {
          await pumpOnce();
        } catch (error) {
          options.log(`notifier: looking for due deliveries failed (${String(error)})`);
        }
      } while (again && !closed);
    })().finally(() => (pumping = null));
  }

  wake();
  return {
    wake,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await pumping;
      await Promise.all(sending.values());
    },
  };
}
