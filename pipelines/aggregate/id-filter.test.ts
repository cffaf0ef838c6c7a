import { describe, expect, it } from 'vitest';
import { IdHashSet, hashId } from './id-filter.ts';

describe('IdHashSet', () => {
  it('remembers every id it was given, across growth', () => {
    const set = new IdHashSet(4);
    const ids = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    ids.forEach((id) => set.add(id));
    expect(set.size).toBe(20_000);
    expect(ids.every((id) => set.has(id))).toBe(true);
  });
  it('says no for ids it has not seen (no collisions in 200,000 random ids)', () => {
    const set = new IdHashSet();
    for (let i = 0; i < 100_000; i++) set.add(crypto.randomUUID());
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++) if (set.has(crypto.randomUUID())) falsePositives++;
    expect(falsePositives).toBe(0);
  });
  it('treats upper- and lower-case UUIDs as the same id', () => {
    const id = crypto.randomUUID();
    expect(hashId(id.toUpperCase())).toBe(hashId(id));
    expect(hashId(id)).toBeGreaterThan(0);
    expect(Number.isSafeInteger(hashId(id))).toBe(true);
  });
});
