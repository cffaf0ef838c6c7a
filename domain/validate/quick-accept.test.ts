import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, SEVERITIES, SOURCE_KINDS, THEMES, signalSchema } from '@wijksignaal/contracts/signal';
import { findPersonalData } from './privacy-guard.ts';
import { quickAccept } from './quick-accept.ts';
import { buurtCodeArb, isoWeekArb, validSignalArb, wijkCodeArb } from './valid-signal-arbitrary.ts';

const FIELDS = ['id', 'partner', 'sourceKind', 'theme', 'category', 'area', 'areaYear', 'week', 'ageBand', 'severity', 'count'];

/** Values close to valid ones, so mutations hit the edges of each rule and not only type errors. */
const nearValueArb = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, 0, 1, 1999, 2000, 2100, 2101, 10_000, 10_001, 1.5, -1),
  fc.constantFrom('2020-W53', '2021-W53', '2024-W00', '2026-W53', '2024-W1', '24-W10'),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  fc.constantFrom('2f1c7f0e-8a4b-0c1e-9b3a-1d2e3f4a5b6c', '2F1C7F0E-8A4B-4C1E-9B3A-1D2E3F4A5B6C'),
  fc.constantFrom(...SOURCE_KINDS, ...THEMES, ...AGE_BANDS, ...SEVERITIES, 'social', 'youth_nuisance', 'absolute'),
  wijkCodeArb,
  buurtCodeArb,
  wijkCodeArb.map((c) => c.toLowerCase()),
  isoWeekArb,
  fc.stringMatching(/^[a-z0-9-]{1,70}$/),
  fc.uuid(),
  fc.array(fc.integer(), { maxLength: 2 }),
);

const mutatedArb = fc
  .tuple(validSignalArb, fc.constantFrom(...FIELDS, 'note', '__proto__'), nearValueArb, fc.boolean())
  .map(([signal, field, value, remove]) => {
    const copy: Record<string, unknown> = { ...signal };
    if (remove) delete copy[field];
    else Object.defineProperty(copy, field, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });

describe('quickAccept', () => {
  it('accepts a plain valid signal exactly as zod parses it', () => {
    const signal = {
      id: '2f1c7f0e-8a4b-4c1e-9b3a-1d2e3f4a5b6c',
      partner: 'demo-partner',
      sourceKind: 'school',
      theme: 'school_absence',
      category: 'long_term',
      area: 'WK034401',
      areaYear: 2024,
      week: '2020-W53',
      ageBand: '12-14',
      severity: 'high',
    };
    expect(quickAccept(signal)).toEqual(signalSchema.parse(signal));
  });

  it('only accepts what zod accepts, with the same output, for valid and nearly valid input', () => {
    fc.assert(
      fc.property(fc.oneof(validSignalArb, mutatedArb), (candidate) => {
        const quick = quickAccept(candidate);
        const zod = signalSchema.safeParse(candidate);
        if (quick !== null) {
          expect(zod.success).toBe(true);
          expect(quick).toEqual(zod.data);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('takes the fast path for ordinary valid signals', () => {
    fc.assert(
      fc.property(validSignalArb, (signal) => {
        // zod also takes the nil and max UUIDs, which the fast path leaves to it.
        expect(quickAccept(signal)).not.toBeNull();
      }),
    );
  });

  it('leaves the guard nothing to find outside the partner id of an accepted signal', () => {
    const phonePartner = fc.constantFrom('team-0612345678', 'zorg-06-12345678', 'ggd-123456782', 'wijk-1234ab-12');
    fc.assert(
      fc.property(validSignalArb, fc.option(phonePartner, { nil: undefined }), (signal, partner) => {
        const candidate = partner === undefined ? signal : { ...signal, partner };
        const accepted = quickAccept(candidate);
        expect(accepted).not.toBeNull();
        const found = findPersonalData(candidate);
        expect(found === null || found.path === '$.partner').toBe(true);
        expect(found !== null).toBe(partner !== undefined);
      }),
    );
  });
});
