import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';
import { BASE36_DIGITS, CELL_KEY_BITS, CELL_KEY_EPOCH } from '../aggregate/cell-key.ts';

const list = (values: readonly string[]): string => `[${values.map((v) => `'${v}'`).join(', ')}]`;
const slot = (values: readonly string[], column: string): string => `(list_position(${list(values)}, ${column}) - 1)`;
const base36 = (position: number): string => `(nullif(instr('${BASE36_DIGITS}', substr(wijk, ${position}, 1)), 0) - 1)`;

const b = CELL_KEY_BITS;
const days = `date_diff('day', DATE '${CELL_KEY_EPOCH}', week::DATE)`;
const category = `(list_position(CASE theme ${THEMES.map((t) => `WHEN '${t}' THEN ${list(CATEGORIES_BY_THEME[t])}`).join(' ')} END, category) - 1)`;

/**
 * The same packing as `cellKey` as a DuckDB macro, for rows that do not come through the TypeScript
 * batch path: migrating an older live database and SQL-built test or benchmark cubes. Anything that
 * does not fit yields NULL, which the NOT NULL primary key then refuses.
 */
export const CELL_KEY_MACRO = `CREATE OR REPLACE MACRO cell_key(wijk, week, theme, category, source_kind, age_band) AS (
  CASE WHEN regexp_full_match(wijk, 'WK[0-9]{4}[0-9A-Z]{2}') AND ${days} % 7 = 0
        AND ${days} BETWEEN 0 AND 7 * ${2 ** b.week - 1} THEN
    ((((((substr(wijk, 3, 4)::BIGINT * ${2 ** b.wijkSuffix} + ${base36(7)} * 36 + ${base36(8)})
      * ${2 ** b.week} + ${days} // 7)
      * ${2 ** b.theme} + ${slot(THEMES, 'theme')})
      * ${2 ** b.category} + ${category})
      * ${2 ** b.sourceKind} + ${slot(SOURCE_KINDS, 'source_kind')})
      * ${2 ** b.ageBand} + ${slot(AGE_BANDS, 'age_band')})
  END)`;
