/**
 * A token bucket per key (a partner, a subject), in memory: `capacity` requests may come at once, then
 * `perSecond` on average. In memory on purpose: it protects this process from one caller's runaway loop,
 * and a restart that refills the buckets does no harm. `take` answers how many whole seconds to wait, or 0
 * when the request may go ahead.
 */
export interface TokenBuckets {
  take(key: string, nowMs: number): number;
  /** How many keys are remembered: only those that used tokens within the last refill time. */
  readonly size: number;
}

export function tokenBuckets(perSecond: number, capacity: number): TokenBuckets {
  if (!(perSecond > 0) || !(capacity >= 1))
    throw new RangeError(`a token bucket needs a rate above 0 and a capacity of at least 1`);
  const buckets = new Map<string, { tokens: number; at: number }>();
  // A bucket idle this long is full again, which is what a missing bucket means: forgetting it changes
  // nothing, so every key that went quiet is dropped and the map holds only the recently active ones.
  const refillMs = (capacity / perSecond) * 1000;
  let sweptAt = Number.NEGATIVE_INFINITY;
  const sweep = (nowMs: number) => {
    if (nowMs - sweptAt < refillMs) return;
    sweptAt = nowMs;
    for (const [key, bucket] of buckets) if (nowMs - bucket.at >= refillMs) buckets.delete(key);
  };
  return {
    take(key, nowMs) {
      sweep(nowMs);
      const bucket = buckets.get(key) ?? { tokens: capacity, at: nowMs };
      bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * perSecond);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
    get size() {
      return buckets.size;
    },
  };
}
