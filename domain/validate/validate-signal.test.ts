import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { validateSignal, type ValidationContext } from './validate-signal.ts';
import { validSignalArb } from './valid-signal-arbitrary.ts';

const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value));

const ctx: ValidationContext = {
  partners: new Set(['demo-partner', 'thuiszorg-west']),
  areas: new Map([
    ['WK034401', { wijk: 'WK034401', gemeente: 'GM0344' }],
    ['BU03440110', { wijk: 'WK034401', gemeente: 'GM0344' }],
  ]),
  areaYear: 2024,
  currentWeek: '2026-W48',
  retentionWeeks: 260,
  maxBytes: MAX_SIGNAL_BYTES,
};

const valid = {
  id: '2f1c7f0e-8a4b-4c1e-9b3a-1d2e3f4a5b6c',
  partner: 'demo-partner',
  sourceKind: 'home_care',
  theme: 'loneliness',
  category: 'social',
  area: 'BU03440110',
  areaYear: 2024,
  week: '2026-W10',
  ageBand: '75+',
  severity: 'medium',
};

function rejection(value: Uint8Array | null, context = ctx) {
  const result = validateSignal(value, context);
  if (result.ok) throw new Error('expected a rejection');
  return result;
}

describe('validateSignal', () => {
  it('accepts a valid signal, fills in count and resolves the wijk and gemeente', () => {
    const result = validateSignal(bytes(valid), ctx);
    expect(result).toEqual({
      ok: true,
      signal: { ...valid, count: 1 },
      wijk: 'WK034401',
      gemeente: 'GM0344',
    });
  });

  it('rejects an empty or missing value as malformed_json, saying what is expected', () => {
    for (const value of [null, new Uint8Array()]) {
      const r = rejection(value);
      expect(r).toMatchObject({ reason: 'malformed_json', partner: null });
      expect(r.detail).toContain('UTF-8 JSON');
    }
  });

  it('rejects a value over the size limit as too_large before parsing it', () => {
    const big = encoder.encode(`{"note":"${'x'.repeat(MAX_SIGNAL_BYTES)}"}`);
    const r = rejection(big);
    expect(r.reason).toBe('too_large');
    expect(r.detail).toContain(String(MAX_SIGNAL_BYTES));
  });

  it('rejects broken JSON and broken UTF-8 as malformed_json without quoting the input', () => {
    const broken = rejection(encoder.encode('{"partner":"demo-partner", geheim'));
    expect(broken.reason).toBe('malformed_json');
    expect(broken.detail).not.toContain('geheim');
    const badUtf8 = rejection(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(badUtf8).toMatchObject({ reason: 'malformed_json' });
    expect(badUtf8.detail).toContain('UTF-8');
  });

  it('rejects personal data, also in unknown fields, as personal_data and names the claimed partner', () => {
    const r = rejection(bytes({ ...valid, client: { bsn: '123456782' } }));
    expect(r).toEqual({
      ok: false,
      reason: 'personal_data',
      detail: expect.stringContaining('$.client.bsn') as unknown as string,
      partner: 'demo-partner',
    });
    expect(r.detail).not.toContain('123456782');
  });

  it('rejects contract violations as schema_violation with the path and what is expected', () => {
    expect(rejection(bytes({ ...valid, count: 0 }))).toMatchObject({
      reason: 'schema_violation',
      detail: '$.count: must be at least 1',
    });
    expect(rejection(bytes({ ...valid, theme: 'weather' })).detail).toBe(
      '$.theme: must be one of "loneliness", "school_absence", "escalation"',
    );
    expect(rejection(bytes({ ...valid, week: undefined })).detail).toBe('$.week: is required');
    expect(rejection(bytes([valid])).detail).toBe('$: must be an object (got an array)');
    expect(rejection(bytes({ ...valid, 'Jan Jansen': true })).detail).toBe(
      '$: unknown field <field>; the contract allows no other fields',
    );
    expect(rejection(bytes({ ...valid, partner: 'Not A Partner!' }))).toMatchObject({
      reason: 'schema_violation',
      partner: null,
    });
  });

  it('rejects an unregistered partner as unknown_partner, still counting it for that partner', () => {
    expect(rejection(bytes({ ...valid, partner: 'nobody-here' }))).toMatchObject({
      reason: 'unknown_partner',
      partner: 'nobody-here',
    });
  });

  it('rejects unknown codes and codes of another CBS year as unknown_area, saying which year is loaded', () => {
    expect(rejection(bytes({ ...valid, area: 'WK999901' })).reason).toBe('unknown_area');
    const otherYear = rejection(bytes({ ...valid, areaYear: 2023 }));
    expect(otherYear.reason).toBe('unknown_area');
    expect(otherYear.detail).toContain('2024');
  });

  it('accepts the current week and the oldest retained week, rejects the next week and one older', () => {
    const at = (week: string) => validateSignal(bytes({ ...valid, week }), ctx);
    expect(at(ctx.currentWeek).ok).toBe(true);
    expect(at(addIsoWeeks(ctx.currentWeek, -ctx.retentionWeeks)).ok).toBe(true);
    expect(rejection(bytes({ ...valid, week: addIsoWeeks(ctx.currentWeek, 1) })).reason).toBe('week_out_of_range');
    expect(rejection(bytes({ ...valid, week: addIsoWeeks(ctx.currentWeek, -ctx.retentionWeeks - 1) })).reason).toBe(
      'week_out_of_range',
    );
  });

  it('accepts week 53 in a year that has one and the week after it', () => {
    const context = { ...ctx, currentWeek: '2021-W01' };
    expect(validateSignal(bytes({ ...valid, week: '2020-W53' }), context).ok).toBe(true);
    expect(validateSignal(bytes({ ...valid, week: '2021-W01' }), context).ok).toBe(true);
    expect(rejection(bytes({ ...valid, week: '2021-W02' }), context).reason).toBe('week_out_of_range');
  });

  it('follows the current week when the context moves on', () => {
    const context = { ...ctx };
    const next = addIsoWeeks(ctx.currentWeek, 1);
    expect(validateSignal(bytes({ ...valid, week: next }), context).ok).toBe(false);
    context.currentWeek = next;
    expect(validateSignal(bytes({ ...valid, week: next }), context).ok).toBe(true);
  });

  it('accepts every valid signal for a known partner, area and week', () => {
    fc.assert(
      fc.property(validSignalArb, (signal) => {
        const context: ValidationContext = {
          ...ctx,
          partners: new Set([signal.partner]),
          areas: new Map([[signal.area, { wijk: 'WK000101', gemeente: 'GM0001' }]]),
          areaYear: signal.areaYear,
          currentWeek: signal.week,
        };
        expect(validateSignal(bytes(signal), context).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('never puts a value sent in a field into the detail', () => {
    const fields = ['id', 'partner', 'sourceKind', 'theme', 'category', 'area', 'week', 'ageBand', 'severity', 'note'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ minLength: 8, maxLength: 60 }), (field, injected) => {
        const result = validateSignal(bytes({ ...valid, [field]: injected }), ctx);
        if (!result.ok) expect(result.detail).not.toContain(injected);
        else expect(result.signal[field as keyof typeof result.signal]).toBe(injected);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('never throws and always answers with a Validation, whatever JSON arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const result = validateSignal(bytes(value), ctx);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('survives deeply nested and random-byte input', () => {
    const deep = encoder.encode(`${'['.repeat(2000)}${']'.repeat(2000)}`);
    expect(rejection(deep).reason).toBe('schema_violation');
    const deepObject = encoder.encode(`${'{"a":'.repeat(600)}1${'}'.repeat(600)}`);
    expect(rejection(deepObject).reason).toBe('schema_violation');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (raw) => {
        expect(typeof validateSignal(raw, ctx).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
