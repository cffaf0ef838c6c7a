import { describe, expect, it } from 'vitest';
import { consumerLagFromMeta } from './consumer-lag-from-meta.ts';

describe('consumerLagFromMeta', () => {
  it('reads one number', () => expect(consumerLagFromMeta('12')).toBe(12));
  it('sums per-partition lags', () => expect(consumerLagFromMeta('{"0":1,"1":2,"2":3}')).toBe(6));
  it('sums a list of lags', () => expect(consumerLagFromMeta('[4,5]')).toBe(9));
  it('is null when absent, empty or unreadable', () => {
    for (const value of [undefined, '', 'soon', '{"0":"x"}', 'null'])
      expect(consumerLagFromMeta(value), String(value)).toBeNull();
  });
});
