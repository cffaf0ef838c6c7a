import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';
import { BASE36_DIGITS, cellKey } from '../aggregate/cell-key.ts';
import { CELL_KEY_MACRO } from './cell-key-macro.ts';

const base36 = fc.constantFrom(...BASE36_DIGITS.split(''));
const cellArb = fc
  .record({
    wijk: fc
      .tuple(fc.integer({ min: 0, max: 9999 }), base36, base36)
      .map(([d, a, b]) => `WK${String(d).padStart(4, '0')}${a}${b}`),
    weekMonday: fc.integer({ min: 0, max: 8191 }).map((w) => new Date(Date.UTC(2000, 0, 3 + 7 * w)).toISOString().slice(0, 10)),
    theme: fc.constantFrom(...THEMES),
    sourceKind: fc.constantFrom(...SOURCE_KINDS),
    ageBand: fc.constantFrom(...AGE_BANDS),
  })
  .chain((c) => fc.constantFrom(...CATEGORIES_BY_THEME[c.theme]).map((category) => ({ ...c, category })));

describe('cell_key macro in DuckDB', () => {
  it('packs exactly like cellKey, and yields NULL for cells that do not fit', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(CELL_KEY_MACRO);
      const cells = fc.sample(cellArb, 2000);
      const rows = (
        await conn.runAndReadAll(
          `SELECT cell_key(wijk, weekMonday::DATE, theme, category, sourceKind, ageBand)::VARCHAR
           FROM (SELECT unnest(from_json($1::JSON, '[{"wijk":"VARCHAR","weekMonday":"VARCHAR","theme":"VARCHAR","category":"VARCHAR","sourceKind":"VARCHAR","ageBand":"VARCHAR"}]'), recursive := true))`,
          [JSON.stringify(cells)],
        )
      ).getRowsJS();
      expect(rows.map((r) => String(r[0]))).toEqual(cells.map((c) => String(cellKey(c))));
      const misfits = (
        await conn.runAndReadAll(
          `SELECT cell_key('WK0363ab', DATE '2024-03-04', 'loneliness', 'social', 'school', '75+'),
                  cell_key('WK036301', DATE '2024-03-05', 'loneliness', 'social', 'school', '75+'),
                  cell_key('WK036301', DATE '1999-12-27', 'loneliness', 'social', 'school', '75+'),
                  cell_key('WK036301', DATE '2024-03-04', 'loneliness', 'long_term', 'school', '75+'),
                  cell_key('WK036301', DATE '2024-03-04', 'loneliness', 'social', 'municipality', '75+')`,
        )
      ).getRowsJS();
      expect(misfits).toEqual([[null, null, null, null, null]]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
