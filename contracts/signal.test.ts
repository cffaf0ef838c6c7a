import { describe, expect, it } from 'vitest';
import { signalJsonSchema, signalSchema } from './signal.ts';

const valid = {
  id: '2f1c7f0e-8a4b-4c1e-9b3a-1d2e3f4a5b6c',
  partner: 'demo-partner',
  sourceKind: 'home_care',
  theme: 'loneliness',
  category: 'social',
  area: 'WK034401',
  areaYear: 2024,
  week: '2024-W10',
  ageBand: '75+',
  severity: 'medium',
};

describe('signal contract v1', () => {
  it('accepts a valid signal and fills in count 1', () => {
    const parsed = signalSchema.parse(valid);
    expect(parsed.count).toBe(1);
  });
  it('rejects unknown fields, so no free text can slip in', () => {
    expect(signalSchema.safeParse({ ...valid, note: 'mevrouw Jansen' }).success).toBe(false);
  });
  it('rejects a category from another theme', () => {
    expect(signalSchema.safeParse({ ...valid, category: 'youth_nuisance' }).success).toBe(false);
  });
  it('rejects week 53 of a year that has none, and counts out of range', () => {
    expect(signalSchema.safeParse({ ...valid, week: '2024-W53' }).success).toBe(false);
    expect(signalSchema.safeParse({ ...valid, count: 0 }).success).toBe(false);
    expect(signalSchema.safeParse({ ...valid, count: 10_001 }).success).toBe(false);
  });
  it('publishes a JSON Schema that forbids extra properties', () => {
    const schema = JSON.stringify(signalJsonSchema());
    expect(schema).toContain('"additionalProperties":false');
    expect(schema).toContain('school_absence');
  });
});
