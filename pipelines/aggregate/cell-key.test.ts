import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';
import { formatIsoWeek, mondayOfIsoWeek } from '@wijksignaal/contracts/iso-week';
import { BASE36_DIGITS, CELL_KEY_BITS, cellKey, type CellCoordinates } from './cell-key.ts';

const monday = (isoWeek: string): string => mondayOfIsoWeek(isoWeek).toISOString().slice(0, 10);
const base36 = fc.constantFrom(...BASE36_DIGITS.split(''));
const wijkArb = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), base36, base36)
  .map(([digits, a, b]) => `WK${String(digits).padStart(4, '0')}${a}${b}`);
// Every Monday from the key's epoch onwards; 8191 weeks is the last one that fits.
const weekArb = fc
  .integer({ min: 0, max: 2 ** CELL_KEY_BITS.week - 1 })
  .map((w) => new Date(Date.UTC(2000, 0, 3 + 7 * w)).toISOString().slice(0, 10));
const cellArb: fc.Arbitrary<CellCoordinates> = fc
  .record({
    wijk: wijkArb,
    weekMonday: weekArb,
    theme: fc.constantFrom(...THEMES),
    sourceKind: fc.constantFrom(...SOURCE_KINDS),
    ageBand: fc.constantFrom(...AGE_BANDS),
  })
  .chain((c) => fc.constantFrom(...CATEGORIES_BY_THEME[c.theme]).map((category) => ({ ...c, category })));
const identity = (c: CellCoordinates): string => [c.wijk, c.weekMonday, c.theme, c.category, c.sourceKind, c.ageBand].join('|');

const base: CellCoordinates = {
  wijk: 'WK036301',
  weekMonday: '2024-03-04',
  theme: 'loneliness',
  category: 'social',
  sourceKind: 'home_care',
  ageBand: '75+',
};

describe('cellKey', () => {
  it('gives distinct cells distinct keys, and equal cells the same key', () => {
    fc.assert(
      fc.property(cellArb, cellArb, (a, b) => {
        expect(cellKey(a) === cellKey(b)).toBe(identity(a) === identity(b));
        expect(cellKey({ ...a })).toBe(cellKey(a));
      }),
      { numRuns: 2000 },
    );
  });
  it('keys a large random set of cells without any collision', () => {
    const cells = fc.sample(cellArb, 20_000);
    const byKey = new Map<number, string>();
    for (const c of cells) {
      const previous = byKey.get(cellKey(c));
      if (previous !== undefined) expect(previous).toBe(identity(c));
      byKey.set(cellKey(c), identity(c));
    }
    expect(byKey.size).toBe(new Set(cells.map(identity)).size);
  });
  it('stays a safe integer at the upper corner of every field', () => {
    const top: CellCoordinates = {
      wijk: 'WK9999ZZ',
      weekMonday: new Date(Date.UTC(2000, 0, 3 + 7 * (2 ** CELL_KEY_BITS.week - 1))).toISOString().slice(0, 10),
      theme: THEMES.at(-1)!,
      category: CATEGORIES_BY_THEME[THEMES.at(-1)!].at(-1)!,
      sourceKind: SOURCE_KINDS.at(-1)!,
      ageBand: AGE_BANDS.at(-1)!,
    };
    expect(Number.isSafeInteger(cellKey(top))).toBe(true);
    expect(cellKey(top)).toBeLessThanOrEqual(2 ** 53);
    expect(cellKey({ ...top, wijk: 'WK0000ZZ' })).toBeLessThan(cellKey({ ...top, wijk: 'WK000100' }));
    expect(
      cellKey({
        ...base,
        wijk: 'WK000000',
        weekMonday: '2000-01-03',
        theme: THEMES[0],
        category: CATEGORIES_BY_THEME[THEMES[0]][0],
        sourceKind: SOURCE_KINDS[0],
        ageBand: AGE_BANDS[0],
      }),
    ).toBe(0);
  });
  it('keeps week 53 apart from week 52 and from week 1 of the next year', () => {
    const w52 = cellKey({ ...base, weekMonday: monday(formatIsoWeek(2020, 52)) });
    const w53 = cellKey({ ...base, weekMonday: monday(formatIsoWeek(2020, 53)) });
    const next = cellKey({ ...base, weekMonday: monday(formatIsoWeek(2021, 1)) });
    expect(new Set([w52, w53, next]).size).toBe(3);
    expect(w52 < w53 && w53 < next).toBe(true);
  });
  it('throws a clear error for anything that does not fit instead of sharing a key', () => {
    const lastWeek = new Date(Date.UTC(2000, 0, 3 + 7 * 2 ** CELL_KEY_BITS.week)).toISOString().slice(0, 10);
    expect(() => cellKey({ ...base, weekMonday: '1999-12-27' })).toThrow(/week 1999-12-27 lies outside/);
    expect(() => cellKey({ ...base, weekMonday: lastWeek })).toThrow(/lies outside/);
    expect(() => cellKey({ ...base, weekMonday: '2024-03-05' })).toThrow(/not a Monday/);
    expect(() => cellKey({ ...base, weekMonday: '2024-W10' })).toThrow(/not a Monday/);
    expect(() => cellKey({ ...base, wijk: 'BU03630101' })).toThrow(/not a CBS wijk code/);
    expect(() => cellKey({ ...base, wijk: 'WK0363ab' })).toThrow(/not a CBS wijk code/);
    expect(() => cellKey({ ...base, theme: 'noise' })).toThrow(/unknown theme "noise"/);
    expect(() => cellKey({ ...base, category: 'long_term' })).toThrow(/unknown category/);
    expect(() => cellKey({ ...base, sourceKind: 'municipality' })).toThrow(/unknown source kind/);
    expect(() => cellKey({ ...base, ageBand: '99+' })).toThrow(/unknown age band/);
  });
});
