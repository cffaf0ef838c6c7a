import { describe, expect, it } from 'vitest';
import { cellNumber, cellText, isSuppressed } from './cell.ts';

const withheld = { suppressed: true as const, display: '<5' };

describe('published and withheld cells', () => {
  it('gives the number of a published cell and nothing for a withheld or missing one', () => {
    expect(cellNumber(12)).toBe(12);
    expect(cellNumber(withheld)).toBeNull();
    expect(cellNumber(null)).toBeNull();
  });

  it("shows the API's marker for a withheld cell, never a number", () => {
    expect(cellText(withheld, String, '-')).toBe(withheld.display);
    expect(cellText(7, (v) => `#${v}`, '-')).toBe('#7');
    expect(cellText(null, String, 'geen')).toBe('geen');
    expect(isSuppressed(withheld) && !isSuppressed(0)).toBe(true);
  });
});
