import { describe, expect, it } from 'vitest';
import { DEMO_PARTNERS as REGISTERED_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { MAX_SIGNAL_BYTES } from '@wijksignaal/contracts/topics';
import { areaLookup } from '@wijksignaal/areas/load-area-registry';
import { validatePartnerSignal } from '@wijksignaal/domain/validate/validate-partner-signal';
import type { ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import { BAD_KINDS } from './bad-messages.ts';
import { generateMessages } from './generate-messages.ts';
import { groundTruth } from './ground-truth.ts';
import { tinyRegistry } from './testing/tiny-registry.ts';

const END_WEEK = '2025-W40';
const registry = tinyRegistry();
const encoder = new TextEncoder();

// The pipeline's own validation stage decides what a message is; the simulator's labels must agree.
const ctx: ValidationContext = {
  partners: new Set(REGISTERED_PARTNERS),
  areas: areaLookup(registry),
  areaYear: registry.year,
  currentWeek: addIsoWeeks(END_WEEK, 1),
  retentionWeeks: 260,
  maxBytes: MAX_SIGNAL_BYTES,
};
const verdict = (m: { partner: string; value: string | Buffer }, context = ctx): string => {
  const result = validatePartnerSignal(typeof m.value === 'string' ? encoder.encode(m.value) : m.value, context, m.partner);
  return result.ok ? 'valid' : result.reason;
};

describe('generateMessages', { timeout: 60_000 }, () => {
  const run = generateMessages({ registry, count: 3000, seed: 'msgs', badShare: 0.05, duplicateShare: 0.02, endWeek: END_WEEK });

  it('makes exactly the requested number of records, split as reported', () => {
    expect(run.messages).toHaveLength(3000);
    const bad = BAD_KINDS.reduce((s, k) => s + run.badByKind[k], 0);
    expect(bad).toBe(150);
    expect(run.duplicates).toBe(60);
    expect(run.valid).toHaveLength(3000 - 150 - 60);
    expect(run.messages.filter((m) => m.kind === 'valid')).toHaveLength(run.valid.length);
    expect(BAD_KINDS.every((k) => run.badByKind[k] > 0)).toBe(true);
  });

  it('is deterministic for the same seed and end week', () => {
    const again = generateMessages({
      registry,
      count: 3000,
      seed: 'msgs',
      badShare: 0.05,
      duplicateShare: 0.02,
      endWeek: END_WEEK,
    });
    expect(again.messages).toEqual(run.messages);
  });

  it('labels every record with the verdict the pipeline gives it', () => {
    for (const m of run.messages) {
      const expected = m.kind === 'duplicate' ? 'valid' : m.kind;
      expect({ kind: m.kind, verdict: verdict(m) }).toEqual({ kind: m.kind, verdict: expected });
    }
  });

  it('keeps the bad labels whatever week the pipeline thinks it is', () => {
    const later: ValidationContext = { ...ctx, currentWeek: '2031-W07', retentionWeeks: 1040 };
    for (const m of run.messages.filter((x) => x.kind !== 'valid' && x.kind !== 'duplicate')) {
      expect(verdict(m, later)).toBe(m.kind);
    }
  });

  it('keys each record by the wijk of its area', () => {
    for (const m of run.messages.filter((x) => x.kind === 'valid')) {
      expect(m.key).toBe(JSON.parse(m.value as string).area);
    }
  });

  it('re-sends only ids that were sent before', () => {
    const seen = new Set<string>();
    for (const m of run.messages) {
      if (m.kind === 'valid') seen.add(JSON.parse(m.value as string).id);
      if (m.kind === 'duplicate') expect(seen.has(JSON.parse(m.value as string).id)).toBe(true);
    }
  });

  it('stays within the weeks it reports and scales rates up for a small registry', () => {
    expect(run.toWeek).toBe(END_WEEK);
    expect(run.valid.every((s) => s.week >= (run.fromWeek ?? '') && s.week <= END_WEEK)).toBe(true);
    const many = generateMessages({ registry, count: 20_000, seed: 'many', badShare: 0, endWeek: END_WEEK, maxWeeks: 26 });
    expect(many.rateScale).toBeGreaterThan(1);
    expect(many.valid.every((s) => s.week > addIsoWeeks(END_WEEK, -60))).toBe(true);
  });
});

describe('groundTruth', { timeout: 60_000 }, () => {
  it('counts each id once and sums counts, signals and high severity per cube cell', () => {
    const run = generateMessages({ registry, count: 4000, seed: 'truth', badShare: 0, duplicateShare: 0, endWeek: END_WEEK });
    const duplicated = [...run.valid, ...run.valid.slice(0, 500)];
    const cube = groundTruth(duplicated);
    expect(cube).toEqual(groundTruth(run.valid));
    const n = cube.reduce((s, r) => s + r.n, 0);
    const signals = cube.reduce((s, r) => s + r.signals, 0);
    const high = cube.reduce((s, r) => s + r.high, 0);
    expect(signals).toBe(run.valid.length);
    expect(n).toBe(run.valid.reduce((s, v) => s + (v.count ?? 1), 0));
    expect(high).toBe(run.valid.filter((v) => v.severity === 'high').reduce((s, v) => s + (v.count ?? 1), 0));
    expect(cube.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.week) && r.n >= r.signals)).toBe(true);
  });

  it('counts a buurt signal under its wijk', () => {
    const [row] = groundTruth([
      {
        id: '0b7a1c2e-3d4f-4a5b-a6c7-d8e9fa0b1c2d',
        partner: 'demo-partner',
        sourceKind: 'social_team',
        theme: 'loneliness',
        category: 'social',
        area: 'BU99010103',
        areaYear: 2024,
        week: '2025-W02',
        ageBand: '75+',
        severity: 'high',
        count: 3,
      },
    ]);
    expect(row).toMatchObject({ wijk: 'WK990101', week: '2025-01-06', n: 3, signals: 1, high: 3 });
  });
});
