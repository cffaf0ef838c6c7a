export interface BackoffSettings {
  /** The wait after the first failed attempt, before jitter. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * How long to wait after failed attempt number `attempt` (1-based): exponential (base · 2^(attempt−1), capped)
 * with "equal jitter" — half of it fixed, half random — so receivers that came back are not hit by every
 * notifier's retries in the same instant, and no wait is shorter than half the exponential step.
 */
export function backoffDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const step = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
