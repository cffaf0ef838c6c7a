/**
 * fast-check arbitraries for signals that satisfy the contract, shared by the tests of this folder.
 * Partner ids are built from words (how registered partner ids look), not from arbitrary digits.
 */
import fc from 'fast-check';
import {
  AGE_BANDS,
  CATEGORIES_BY_THEME,
  SEVERITIES,
  SOURCE_KINDS,
  THEMES,
  formatIsoWeek,
  weeksInIsoYear,
  type SignalInput,
} from '@wijksignaal/contracts';

const codeChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (n: number) => fc.string({ unit: digit, minLength: n, maxLength: n });

export const wijkCodeArb = fc
  .tuple(digits(4), fc.string({ unit: codeChar, minLength: 2, maxLength: 2 }))
  .map(([g, w]) => `WK${g}${w}`);
export const buurtCodeArb = fc
  .tuple(digits(4), fc.string({ unit: codeChar, minLength: 4, maxLength: 4 }))
  .map(([g, b]) => `BU${g}${b}`);

export const isoWeekArb = fc
  .integer({ min: 2000, max: 2100 })
  .chain((year) => fc.integer({ min: 1, max: weeksInIsoYear(year) }).map((week) => formatIsoWeek(year, week)));

export const partnerIdArb = fc
  .tuple(
    fc.array(fc.stringMatching(/^[a-z]{2,10}$/), { minLength: 1, maxLength: 4 }),
    fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
  )
  .map(([words, n]) => [...words, ...(n === undefined ? [] : [String(n)])].join('-'))
  .filter((p) => p.length >= 3 && p.length <= 64);

export const validSignalArb: fc.Arbitrary<SignalInput> = fc
  .record({
    id: fc.uuid(),
    partner: partnerIdArb,
    sourceKind: fc.constantFrom(...SOURCE_KINDS),
    theme: fc.constantFrom(...THEMES),
    area: fc.oneof(wijkCodeArb, buurtCodeArb),
    areaYear: fc.integer({ min: 2000, max: 2100 }),
    week: isoWeekArb,
    ageBand: fc.constantFrom(...AGE_BANDS),
    severity: fc.constantFrom(...SEVERITIES),
    count: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    categoryIndex: fc.nat(),
  })
  .map(({ theme, categoryIndex, count, ...rest }) => {
    const categories = CATEGORIES_BY_THEME[theme];
    const category = categories[categoryIndex % categories.length] as string;
    return { ...rest, theme, category, ...(count === undefined ? {} : { count }) } as SignalInput;
  });
