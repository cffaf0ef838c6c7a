import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_DENOMINATOR, protectDerived, resolveMinDenominator } from './derived-suppression.ts';
import { hidden, smallCount } from './suppressed-value.ts';

describe('derived suppression', () => {
  it('hides a rate, an interval or a ratio whose count is hidden', () => {
    expect(protectDerived(3.2, smallCount(5), undefined)).toEqual(hidden());
    expect(protectDerived({ lower: 1, upper: 9 }, hidden(), undefined)).toEqual(hidden());
  });

  it('hides a rate over fewer residents than the minimum, or over an unknown number', () => {
    const min = resolveMinDenominator(undefined);
    expect(min).toBe(DEFAULT_MIN_DENOMINATOR);
    expect(protectDerived(120, 12, { value: min - 1, min })).toEqual(hidden());
    expect(protectDerived(120, 12, { value: null, min })).toEqual(hidden());
    expect(protectDerived(120, 12, { value: min, min })).toBe(120);
  });

  it('leaves figures of published counts and values never computed alone', () => {
    expect(protectDerived(7.5, 40, undefined)).toBe(7.5);
    expect(protectDerived(null, smallCount(5), undefined)).toBeNull();
  });

  it('refuses a minimum denominator below 1', () => {
    expect(() => resolveMinDenominator(0)).toThrow(/at least 1/);
    expect(resolveMinDenominator(250)).toBe(250);
  });
});
