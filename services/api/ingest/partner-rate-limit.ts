/**
 * A token bucket per partner, in memory: `burst` requests may come at once, then `ratePerSecond` on
 * average. In memory on purpose: it protects this process from one partner's runaway loop, and a restart
 * that refills the buckets does no harm. `take` answers how many seconds to wait, or 0 when allowed.
 */
export interface PartnerRateLimit {
  take(partner: string, nowMs: number): number;
}

export function partnerRateLimit(ratePerSecond: number, burst: number): PartnerRateLimit {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(partner, nowMs) {
      const bucket = buckets.get(partner) ?? { tokens: burst, at: nowMs };
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * ratePerSecond);
      bucket.at = nowMs;
      buckets.set(partner, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
    },
  };
}
