import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.ts';
import { parseNotifierConfig } from './notifier-config.ts';

describe('backoffDelay', () => {
  const settings = { baseMs: 1000, maxMs: 60_000 };

  it('doubles with each attempt, half of it jittered, and stops growing at the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, settings, () => 1)).toBe(60_000);
    expect(backoffDelay(20, settings, () => 0)).toBe(30_000);
  });

  it('spreads the waits of one attempt between half and the whole step', () => {
    const waits = Array.from({ length: 200 }, () => backoffDelay(3, settings));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    expect(new Set(waits).size).toBeGreaterThan(10);
  });

  it('gives up after 24 to 47 minutes of waits with the default settings (as the README says)', () => {
    const { maxAttempts, backoff } = parseNotifierConfig([], {}).delivery;
    const waits = (random: () => number) =>
      Array.from({ length: maxAttempts - 1 }, (_, i) => backoffDelay(i + 1, backoff, random)).reduce((a, b) => a + b, 0);
    expect(Math.round(waits(() => 0) / 60_000)).toBe(24);
    expect(Math.round(waits(() => 1) / 60_000)).toBe(47);
  });
});
