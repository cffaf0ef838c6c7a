import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAreas, type SortableArea } from './sort-areas.ts';
import { SORT_FIELDS } from './view-state.ts';

const area = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }),
  gemeenteName: fc.string({ maxLength: 8 }),
  count: fc.nat(1000),
  residents: fc.option(fc.nat(100_000), { nil: null }),
  ratePer1000: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: null }),
});

describe('sortAreas', () => {
  it('orders every numeric column with missing values last, in both directions', () => {
    fc.assert(
      fc.property(
        fc.array(area, { maxLength: 30 }),
        fc.constantFrom('count', 'residents', 'ratePer1000' as const),
        fc.boolean(),
        (areas, field, descending) => {
          const sorted = sortAreas(areas, { field, descending });
          expect(sorted).toHaveLength(areas.length);
          const values = sorted.map((a) => a[field]);
          const firstMissing = values.indexOf(null);
          if (firstMissing >= 0) expect(values.slice(firstMissing).every((v) => v === null)).toBe(true);
          const present = values.filter((v): v is number => v !== null);
          for (let i = 1; i < present.length; i++) {
            if (descending) expect(present[i]!).toBeLessThanOrEqual(present[i - 1]!);
            else expect(present[i]!).toBeGreaterThanOrEqual(present[i - 1]!);
          }
        },
      ),
    );
  });

  it('sorts names the Dutch way, ignoring case, and does not touch the input', () => {
    const areas: SortableArea[] = ['zuid', 'Noord', 'centrum', 'Oost 10', 'Oost 9'].map((name) => ({
      name,
      gemeenteName: 'G',
      count: 1,
      residents: 1,
      ratePer1000: 1,
    }));
    const before = areas.map((a) => a.name);
    expect(sortAreas(areas, { field: 'name', descending: false }).map((a) => a.name)).toEqual([
      'centrum',
      'Noord',
      'Oost 9',
      'Oost 10',
      'zuid',
    ]);
    expect(areas.map((a) => a.name)).toEqual(before);
  });

  it('accepts every sort field of the view state', () => {
    for (const field of SORT_FIELDS) expect(() => sortAreas([], { field, descending: true })).not.toThrow();
  });
});

describe('sortAreas on the SMR column', () => {
  it('orders by the SMR value, interval or bare number, with withheld and missing ones last', () => {
    const withheld = { suppressed: true as const, display: 'x' };
    const rows = [
      { name: 'A', gemeenteName: 'G', count: 10, residents: 100, ratePer1000: 1, smr: { value: 0.8 } },
      { name: 'B', gemeenteName: 'G', count: 10, residents: 100, ratePer1000: 1, smr: withheld },
      { name: 'C', gemeenteName: 'G', count: 10, residents: 100, ratePer1000: 1, smr: 1.4 },
      { name: 'D', gemeenteName: 'G', count: 10, residents: 100, ratePer1000: 1, smr: null },
    ];
    expect(sortAreas(rows, { field: 'smr', descending: true }).map((r) => r.name)).toEqual(['C', 'A', 'B', 'D']);
    expect(sortAreas(rows, { field: 'smr', descending: false }).map((r) => r.name)).toEqual(['A', 'C', 'B', 'D']);
  });
});
