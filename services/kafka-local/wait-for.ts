import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Finishes the sentence "timed out after Xms waiting for …". */
  what: string;
  /** Stops waiting at once, e.g. when the process being probed has died. */
  signal?: AbortSignal;
}

type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/**
 * Polls `probe` until it returns something truthy and returns that value. A probe that throws counts as
 * "not yet"; its last error is kept for the timeout message, because it usually explains the wait.
 */
export async function waitFor<T>(probe: Probe<T>, opts: WaitForOptions): Promise<T> {
  const intervalMs = opts.intervalMs ?? 200;
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    opts.signal?.throwIfAborted();
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    opts.signal?.throwIfAborted();
    const left = deadline - Date.now();
    if (left <= 0) {
      const why = lastError === undefined ? '' : ` (last error: ${oneLine(lastError)})`;
      throw new Error(`timed out after ${opts.timeoutMs}ms waiting for ${opts.what}${why}`);
    }
    await delay(Math.min(intervalMs, left), undefined, opts.signal ? { signal: opts.signal } : {}).catch(() =>
      opts.signal?.throwIfAborted(),
    );
  }
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim();
}
