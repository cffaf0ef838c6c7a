import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.ts';

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
});
