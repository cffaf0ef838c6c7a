import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { cellKey } from '../aggregate/cell-key.ts';
import { hashId } from '../aggregate/id-filter.ts';
import { recordKeys } from '../aggregate/record-key.ts';
import type { Verdict } from './validation-columns.ts';
import { createValidationPool, validateInline } from './validation-pool.ts';
import { TEST_VALIDATION_CONTEXT } from './test-validation-context.ts';
import { FETCH_BYTES_PER_PARTITION } from '../consume/signal-consumer.ts';

const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value));

const ctx = TEST_VALIDATION_CONTEXT;

const valid = {
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

/** Every kind of message a partner topic can carry, valid ones of both validation paths among them. */
function mixedBatch(): (Uint8Array | null)[] {
  const kinds: (() => Uint8Array | null)[] = [
    () => bytes({ ...valid, id: randomUUID() }),
    () =>
      bytes({
        ...valid,
        id: randomUUID(),
        area: 'WK036302',
        count: 7,
        severity: 'high',
        theme: 'escalation',
        category: 'conflict',
      }),
    () => bytes({ ...valid, id: randomUUID().toUpperCase(), week: '2026-W48' }),
    () => bytes({ ...valid, id: randomUUID(), client: { bsn: '123456782' } }), // personal data in an unknown field
    () => bytes({ ...valid, id: randomUUID(), partner: '0612345678' }), // a phone number as the partner
    () => bytes({ ...valid, id: randomUUID(), note: 'bel jan@example.nl' }),
    () => encoder.encode('{"id": "no closing brace"'),
    () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), // not UTF-8
    () => null,
    () => new Uint8Array(),
    () => new Uint8Array(MAX_SIGNAL_BYTES + 1).fill(0x20),
    () => bytes({ ...valid, id: randomUUID(), count: 0 }),
    () => bytes({ ...valid, id: 'not-a-uuid' }),
    () => bytes({ ...valid, id: randomUUID(), partner: 'unknown-partner' }),
    () => bytes({ ...valid, id: randomUUID(), partner: 'thuiszorg-west' }), // another partner's signal on this topic
    () => bytes({ ...valid, id: randomUUID(), area: 'WK099901' }),
    () => bytes({ ...valid, id: randomUUID(), areaYear: 2023 }),
    () => bytes({ ...valid, id: randomUUID(), week: '2027-W01' }),
    () => bytes({ ...valid, id: randomUUID(), week: '2020-W01' }),
    () => bytes([1, 2, 3]),
  ];
  return Array.from({ length: 300 }, (_, i) => kinds[(i * 7) % kinds.length]!());
}

const SECRET = 'a-test-secret';
const pool = createValidationPool(ctx, SECRET, 2);
afterAll(() => pool.close());

/** The verdicts without what the worker derived, and that derived part checked against the functions the pipeline's thread uses. */
function verdictsOnly(verdicts: Verdict[]) {
  const recordKey = recordKeys(SECRET);
  return verdicts.map((v) => {
    if (!v.ok || !('derived' in v)) return v;
    const { derived, ...verdict } = v;
    const s = v.signal;
    const weekMonday = mondayIsoDate(s.week as IsoWeek);
    expect(derived).toEqual({
      weekMonday,
      cell: cellKey({
        wijk: v.wijk,
        weekMonday,
        theme: s.theme,
        category: s.category,
        sourceKind: s.sourceKind,
        ageBand: s.ageBand,
      }),
      recordKey: recordKey(s.id),
      idHash: hashId(s.id),
    });
    return verdict;
  });
}

describe('createValidationPool', () => {
  it('gives every message of a mixed batch the verdict validation on this thread gives, in order', async () => {
    const values = mixedBatch();
    const inline = await validateInline(values, ctx, 'demo-partner');
    const pooled = await pool.validate(values, ctx, 'demo-partner');
    expect(pooled.filter((v) => v.ok && 'derived' in v)).toHaveLength(inline.filter((v) => v.ok).length);
    expect(verdictsOnly(pooled)).toEqual(inline);
    const reasons = new Set(inline.map((v) => (v.ok ? 'ok' : v.reason)));
    expect([...reasons].sort()).toEqual(
      [
        'ok',
        'personal_data',
        'malformed_json',
        'too_large',
        'schema_violation',
        'unknown_partner',
        'partner_mismatch',
        'unknown_area',
        'week_out_of_range',
      ].sort(),
    );
  });

  it("checks weeks against the current week of the batch's own context, not the one it was made with", async () => {
    const values = Array.from({ length: 100 }, () => bytes({ ...valid, id: randomUUID(), week: '2026-W20' }));
    const earlier = { ...ctx, currentWeek: '2026-W15' };
    const pooled = await pool.validate(values, earlier, 'demo-partner');
    expect(verdictsOnly(pooled)).toEqual(await validateInline(values, earlier, 'demo-partner'));
    expect(pooled.every((v) => !v.ok && v.reason === 'week_out_of_range')).toBe(true);
  });

  // The workers' heap is capped (worker-heap.ts) on the grounds that a job is one partition fetch: one far
  // larger than a fetch brings must still be validated whole, not end the worker out of memory.
  it('validates a batch five times the largest partition fetch within a worker heap', async () => {
    const one = bytes({ ...valid, id: randomUUID() }).length;
    const values = Array.from({ length: Math.ceil((5 * FETCH_BYTES_PER_PARTITION) / one) }, () =>
      bytes({ ...valid, id: randomUUID() }),
    );
    const pooled = await pool.validate(values, ctx, 'demo-partner');
    expect(pooled).toHaveLength(values.length);
    expect(pooled.every((v) => v.ok && 'derived' in v)).toBe(true);
  });

  it('keeps each batch its own verdicts when several are validated at once', async () => {
    const batches = Array.from({ length: 6 }, () => mixedBatch());
    const pooled = await Promise.all(batches.map((values) => pool.validate(values, ctx, 'demo-partner')));
    for (let b = 0; b < batches.length; b++)
      expect(verdictsOnly(pooled[b]!)).toEqual(await validateInline(batches[b]!, ctx, 'demo-partner'));
  });
});
