import { expect } from 'vitest';

/**
 * How a true count may appear in a protected response: a small one (1 … k−1) only as `<k`; any other as
 * itself, or as `x` when secondary suppression chose it. Which cells are chosen is the disclosure module's
 * business (tested there and by the property tests); here only what is allowed.
 */
export function expectCountCell(cell: unknown, trueCount: number, k: number, label?: string): void {
  if (trueCount >= 1 && trueCount < k) expect(cell, label).toEqual({ suppressed: true, display: `<${k}` });
  else if (typeof cell === 'number') expect(cell, label).toBe(trueCount);
  else expect(cell, label).toEqual({ suppressed: true, display: 'x' });
}

/** A derived figure: the true value (to 10 digits), or hidden as `x`. */
export function expectDerivedCell(cell: unknown, trueValue: number, label?: string): void {
  if (typeof cell === 'number') expect(cell, label).toBeCloseTo(trueValue, 10);
  else expect(cell, label).toEqual({ suppressed: true, display: 'x' });
}
