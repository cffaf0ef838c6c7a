import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_K, MIN_K, primaryCell, resolveK } from './primary-suppression.ts';
import { isSuppressed } from './suppressed-value.ts';

describe('primary suppression', () => {
  it('hides 1 … k−1 as "<k" and publishes 0 and k upwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_K, max: 20 }), fc.nat({ max: 1000 }), (k, count) => {
        const cell = primaryCell(count, k);
        if (count >= 1 && count < k) expect(cell).toEqual({ suppressed: true, display: `<${k}` });
        else expect(cell).toBe(count);
      }),
    );
  });

  it('uses k = 5 unless configured, and shows it in the label', () => {
    expect(resolveK(undefined)).toBe(DEFAULT_K);
    expect(primaryCell(4, resolveK(undefined))).toEqual({ suppressed: true, display: '<5' });
    expect(primaryCell(9, resolveK(10))).toEqual({ suppressed: true, display: '<10' });
    expect(isSuppressed(primaryCell(0, 5))).toBe(false);
  });

  it('refuses a k below 3 or not whole, with a message that says what is allowed', () => {
    for (const k of [2, 1, 0, -5, 4.5, Number.NaN]) {
      expect(() => resolveK(k)).toThrow(/at least 3/);
    }
    expect(resolveK(3)).toBe(3);
  });

  it('refuses negative or fractional counts instead of publishing them', () => {
    expect(() => primaryCell(-1, 5)).toThrow(RangeError);
    expect(() => primaryCell(2.5, 5)).toThrow(/whole number/);
  });
});
