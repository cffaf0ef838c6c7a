/**
 * Paces sends to a steady rate without spinning: a caller takes tokens and, when the bucket is
 * short, sleeps exactly until enough have dripped back in.
 */
export interface TokenBucket {
  take(n: number, signal?: AbortSignal): Promise<void>;
}

export function createTokenBucket(
  ratePerSecond: number,
  burst = Math.max(1, ratePerSecond / 10),
  now: () => number = () => performance.now(),
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    async take(n, signal) {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      tokens -= n;
      if (tokens < 0) await sleep((-tokens / ratePerSecond) * 1000, signal);
    },
  };
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
