import { describe, expect, it } from 'vitest';
import { tokenBuckets } from './token-buckets.ts';

describe('tokenBuckets', () => {
  it('lets the capacity through at once, then asks to wait whole seconds until a token is back', () => {
    const buckets = tokenBuckets(0.5, 3);
    expect([0, 1, 2].map(() => buckets.take('a', 0))).toEqual([0, 0, 0]);
    expect(buckets.take('a', 0)).toBe(2);
    expect(buckets.take('a', 1_000)).toBe(1);
    expect(buckets.take('a', 2_000)).toBe(0);
    expect(buckets.take('b', 2_000)).toBe(0);
  });

  it('forgets keys that went quiet, so a stream of new keys does not grow the map', () => {
    const buckets = tokenBuckets(10, 20); // full again after 2 s
    for (let i = 0; i < 1_000; i++) buckets.take(`subject-${i}`, 0);
    expect(buckets.size).toBe(1_000);
    buckets.take('subject-0', 1_000);
    expect(buckets.size).toBe(1_000);
    buckets.take('late', 2_500);
    expect(buckets.size).toBe(2);
  });

  it('keeps the count of a key that is still refilling', () => {
    const buckets = tokenBuckets(1, 2);
    buckets.take('a', 0);
    buckets.take('a', 0);
    buckets.take('other', 1_500); // sweeps; 'a' has been idle less than the 2 s refill
    expect(buckets.take('a', 1_500)).toBe(0);
    expect(buckets.take('a', 1_500)).toBe(1);
  });
});
