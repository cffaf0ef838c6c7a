import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRng, gamma, negativeBinomial, poisson, uuidV4, weightedIndex } from './prng.ts';
import { signalId } from './signal-id.ts';

function moments(draws: number[]): { mean: number; variance: number } {
  const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
  const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1);
  return { mean, variance };
}

describe('seeded generator', { timeout: 60_000 }, () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRng(7, 'x');
    const b = createRng(7, 'x');
    const c = createRng(8, 'x');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it.each([0.3, 4, 29, 30, 250])('draws Poisson(%s) with mean ≈ variance ≈ lambda', (lambda) => {
    const rng = createRng('poisson', lambda);
    const { mean, variance } = moments(Array.from({ length: 40_000 }, () => poisson(rng, lambda)));
    expect(Math.abs(mean - lambda)).toBeLessThan(0.03 * lambda + 0.02);
    expect(Math.abs(variance - lambda)).toBeLessThan(0.08 * lambda + 0.05);
  });

  it('draws gamma with mean shape·scale, also for shape < 1', () => {
    for (const [shape, scale] of [
      [0.5, 2],
      [3, 1.5],
    ] as const) {
      const rng = createRng('gamma', shape);
      const { mean, variance } = moments(Array.from({ length: 40_000 }, () => gamma(rng, shape, scale)));
      expect(mean).toBeCloseTo(shape * scale, 1);
      expect(variance / (shape * scale * scale)).toBeGreaterThan(0.9);
      expect(variance / (shape * scale * scale)).toBeLessThan(1.1);
    }
  });

  it('over-disperses the negative binomial as variance = mean + mean²/size', () => {
    const rng = createRng('nb');
    const mean = 5;
    const size = 2;
    const m = moments(Array.from({ length: 60_000 }, () => negativeBinomial(rng, mean, size)));
    expect(m.mean).toBeGreaterThan(mean * 0.97);
    expect(m.mean).toBeLessThan(mean * 1.03);
    const expected = mean + (mean * mean) / size;
    expect(m.variance).toBeGreaterThan(expected * 0.9);
    expect(m.variance).toBeLessThan(expected * 1.1);
  });

  it('chooses by weight and never picks a zero weight', () => {
    const rng = createRng('weights');
    const hits = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) hits[weightedIndex(rng, [1, 0, 3])]!++;
    expect(hits[1]).toBe(0);
    expect(hits[2]! / hits[0]!).toBeGreaterThan(2.7);
    expect(hits[2]! / hits[0]!).toBeLessThan(3.3);
  });

  it('makes v4 UUIDs that zod accepts, repeatable per seed', () => {
    const uuid = z.uuid();
    const rng = createRng('uuid');
    const ids = Array.from({ length: 2000 }, () => uuidV4(rng));
    expect(ids.every((id) => uuid.safeParse(id).success && id[14] === '4')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV4(createRng('same'))).toBe(uuidV4(createRng('same')));
  });

  it('makes signal ids without four digits in a row, so they can never read as a BSN or phone number', () => {
    const uuid = z.uuid();
    const rng = createRng('signal-id');
    const ids = Array.from({ length: 20_000 }, () => signalId(rng));
    expect(ids.every((id) => uuid.safeParse(id).success)).toBe(true);
    expect(ids.some((id) => /\d{4}/.test(id.replaceAll('-', '')))).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
