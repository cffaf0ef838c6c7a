import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signalSchema } from '@wijksignaal/contracts/signal';
import { passesBsnElevenTest } from './bsn.ts';
import { findPersonalData } from './privacy-guard.ts';
import { validSignalArb } from './valid-signal-arbitrary.ts';

/** Makes a BSN from its first eight digits by solving the 11-proef for the last one (none fits for some prefixes). */
function bsnFromPrefix(prefix: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
  const last = sum % 11;
  return last <= 9 ? `${prefix}${last}` : null;
}

const prefixArb = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 8, maxLength: 8 });
const validBsnArb = prefixArb.map(bsnFromPrefix).filter((b): b is string => b !== null && !/^0+$/.test(b));
const invalidBsnArb = prefixArb
  .chain((prefix) => fc.constantFrom(...'0123456789'.split('')).map((d) => `${prefix}${d}`))
  .filter((b) => !passesBsnElevenTest(b));

describe('BSN 11-proef', () => {
  it('accepts the documented examples and rejects a changed digit', () => {
    for (const bsn of ['123456782', '249566758', '111222333']) expect(passesBsnElevenTest(bsn)).toBe(true);
    expect(passesBsnElevenTest('123456781')).toBe(false);
    expect(passesBsnElevenTest('000000000')).toBe(false);
  });
  it('treats 8-digit numbers as BSNs with a leading zero', () => {
    fc.assert(
      fc.property(
        validBsnArb.filter((b) => b.startsWith('0')),
        (bsn) => {
          expect(passesBsnElevenTest(bsn.slice(1))).toBe(true);
        },
      ),
    );
  }, 60_000);
  it('agrees with the weighted sum for any nine digits', () => {
    fc.assert(
      fc.property(prefixArb, fc.integer({ min: 0, max: 9 }), (prefix, last) => {
        const digits = `${prefix}${last}`;
        const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0);
        expect(passesBsnElevenTest(digits)).toBe(sum % 11 === 0 && !/^0+$/.test(digits));
      }),
    );
  }, 60_000);
});

describe('findPersonalData', () => {
  it('finds a valid BSN as a string, with dots, spaces or dashes, and as a number', () => {
    fc.assert(
      fc.property(validBsnArb, fc.constantFrom('', ' ', '.', '-'), (bsn, sep) => {
        const written = `${bsn.slice(0, 4)}${sep}${bsn.slice(4, 6)}${sep}${bsn.slice(6)}`;
        expect(findPersonalData({ note: `client ${written} gezien` })).toEqual({ kind: 'bsn', path: '$.note' });
        // As a JSON number a BSN loses its leading zero; two leading zeros leave too few digits to tell.
        if (!bsn.startsWith('00')) expect(findPersonalData({ x: [1, { bsn: Number(bsn) }] })?.kind).toBe('bsn');
      }),
    );
    expect(findPersonalData({ a: '123 456 782' })).toEqual({ kind: 'bsn', path: '$.a' });
    expect(findPersonalData({ a: 'BSN123456782' })?.kind).toBe('bsn');
  }, 60_000);

  it('does not call a 9-digit string that fails the 11-proef a BSN', () => {
    fc.assert(
      fc.property(
        invalidBsnArb.filter((b) => !b.startsWith('0')),
        (digits) => {
          expect(findPersonalData({ ref: digits })).toBeNull();
        },
      ),
    );
  });

  it('never returns the value itself', () => {
    const found = findPersonalData({ deep: { list: ['ok', 'mail jan.jansen@example.nl'] } });
    expect(found).toEqual({ kind: 'email', path: '$.deep.list[1]' });
    expect(JSON.stringify(found)).not.toContain('jansen');
  });

  it('hides keys that are themselves personal data or not plain field names', () => {
    const found = findPersonalData({ meta: { 'jan@example.nl': true } });
    expect(found).toEqual({ kind: 'email', path: '$.meta.<field>' });
    expect(findPersonalData({ 'mevrouw de Vries': '06 12345678' })).toEqual({ kind: 'phone', path: '$.<field>' });
  });

  it.each(['jan@example.nl', 'Mail: j.de.vries+zorg@ggd-regio.example.com.', 'x@y.io'])(
    'finds the e-mail address in %s',
    (text) => {
      expect(findPersonalData([text])).toEqual({ kind: 'email', path: '$[0]' });
    },
  );

  it.each(['a@b', 'wk@2024', '@home', 'score 5@10'])('does not take %s for an e-mail address', (text) => {
    expect(findPersonalData(text)).toBeNull();
  });

  it.each([
    '0612345678',
    '06-12345678',
    '06 12 34 56 78',
    '06-1234 5678',
    '+31612345678',
    '+31 6 12345678',
    '+31 (0)6 1234 5678',
    '(+31) 6-1234-5678',
    '0031 6 12345678',
    '0031201234567',
    '020-1234567',
    '(020) 123 45 67',
    '010 - 123 4567',
    '0111-123456',
    '0592 123456',
    'bel 06.12.34.56.78 na 17u',
  ])('finds the phone number %s', (text) => {
    expect(findPersonalData({ contact: text })).toEqual({ kind: 'phone', path: '$.contact' });
  });

  it('finds phone numbers stored as numbers without their leading zero', () => {
    expect(findPersonalData({ tel: 612345678 })?.kind).toBe('phone');
    expect(findPersonalData({ tel: 31612345678 })?.kind).toBe('phone');
  });

  it.each(['1234 AB 12', '1234AB12', '1234 ab, 12a', 'Dorpsstraat 1, 9999 ZZ 1', '1011AB-7'])(
    'finds the postcode with house number in %s',
    (text) => {
      expect(findPersonalData({ adres: text })).toEqual({ kind: 'postcode_house_number', path: '$.adres' });
    },
  );

  it.each([
    '2f1c7f0e-8a4b-4c1e-9b3a-1d2e3f4a5b6c',
    '01234567-8910-4111-8213-141516171819',
    'WK034401',
    'BU03440611',
    'BU03440612',
    'GM0344',
    '2024-W10',
    '2020-W53',
    '1234 AB',
    'demo-partner',
    'school-12',
    '75+',
    '12-14',
  ])('does not flag %s', (text) => {
    expect(findPersonalData({ value: text })).toBeNull();
  });

  it('does not flag years, counts or the largest count', () => {
    expect(findPersonalData({ areaYear: 2024, count: 10_000, n: [0, 1, 99, 1_000_000, 3.14] })).toBeNull();
  });

  it('does not flag UUIDs of any digits', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(findPersonalData({ id })).toBeNull();
      }),
    );
  }, 60_000);

  it('never flags a valid signal', () => {
    fc.assert(
      fc.property(validSignalArb, (signal) => {
        expect(signalSchema.safeParse(signal).success).toBe(true);
        expect(findPersonalData(signal)).toBeNull();
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('finds personal data at any depth and survives very deep nesting', () => {
    let deep: unknown = { tel: '06-12345678' };
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findPersonalData(deep)?.kind).toBe('phone');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(findPersonalData(cyclic)).toBeNull();
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const found = findPersonalData(value);
        expect(found === null || typeof found.path === 'string').toBe(true);
      }),
    );
  }, 60_000);
});
