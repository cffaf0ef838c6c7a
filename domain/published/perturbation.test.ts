import { describe, expect, it } from 'vitest';
import { MAX_NOISE, NOISE_BOUNDS, NOISE_TABLE, RECORD_KEY_SPACE, cellKeyOf, noiseOf, publishedCount } from './perturbation.ts';

describe('cell-key perturbation', () => {
  it('splits the whole key space by the table, in order, mean noise zero and mean change below one', () => {
    expect(NOISE_BOUNDS.at(-1)!.below).toBe(RECORD_KEY_SPACE);
    for (let i = 1; i < NOISE_BOUNDS.length; i++) expect(NOISE_BOUNDS[i]!.below).toBeGreaterThan(NOISE_BOUNDS[i - 1]!.below);
    expect(NOISE_TABLE.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 12);
    expect(NOISE_TABLE.reduce((s, r) => s + r.noise * r.probability, 0)).toBeCloseTo(0, 12);
    expect(NOISE_TABLE.reduce((s, r) => s + Math.abs(r.noise) * r.probability, 0)).toBeLessThanOrEqual(1);
    expect(MAX_NOISE).toBe(3);
  });

  it('draws noise with the table probabilities from uniform keys', () => {
    const counts = new Map<number, number>();
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const noise = noiseOf((i * 2654435761) % RECORD_KEY_SPACE);
      counts.set(noise, (counts.get(noise) ?? 0) + 1);
    }
    for (const row of NOISE_TABLE) expect((counts.get(row.noise) ?? 0) / draws).toBeCloseTo(row.probability, 2);
  });

  it('withholds zero like any count below k, never shows one, and gives the same number for the same cell', () => {
    for (const key of [0, 2 ** 31, RECORD_KEY_SPACE - 1]) expect(publishedCount(0, key, 5)).toBeNull();
    for (let key = 0; key < RECORD_KEY_SPACE; key += 9_999_991) {
      for (let n = 1; n < 40; n++) {
        const shown = publishedCount(n, key, 5);
        if (shown !== null) {
          expect(shown).toBeGreaterThanOrEqual(5);
          expect(Math.abs(shown - n)).toBeLessThanOrEqual(MAX_NOISE);
        } else expect(n).toBeLessThan(5 + MAX_NOISE);
        expect(publishedCount(n, key, 5)).toBe(shown);
      }
    }
  });

  it('takes a cell key as the sum of record keys modulo 2^32', () => {
    expect(cellKeyOf(RECORD_KEY_SPACE + 7)).toBe(7);
    expect(cellKeyOf(3n * BigInt(RECORD_KEY_SPACE) + 11n)).toBe(11);
  });
});
