import { describe, expect, it } from 'vitest';
import { noiseKeyOf } from './noise-key.ts';
import { NOISE_TABLE, RECORD_KEY_SPACE, noiseOf } from './perturbation.ts';
import { seededWords } from './seeded-words.ts';

/** The chance that one cell keeps its noise when it is redrawn at random: the sum of the squared probabilities. */
const KEEP_CHANCE = NOISE_TABLE.reduce((s, row) => s + row.probability ** 2, 0);

describe('noise key', () => {
  it('is a fixed function of the cell key onto 0 … 2^32 − 1 that keeps the noise table’s probabilities', () => {
    const next = seededWords(7);
    const counts = new Map<number, number>();
    const draws = 200_000;
    let misfits = 0;
    for (let i = 0; i < draws; i++) {
      const cellKey = next();
      const key = noiseKeyOf(cellKey);
      if (key !== noiseKeyOf(cellKey) || !Number.isInteger(key) || key < 0 || key >= RECORD_KEY_SPACE) misfits++;
      counts.set(noiseOf(cellKey), (counts.get(noiseOf(cellKey)) ?? 0) + 1);
    }
    expect(misfits).toBe(0);
    for (const row of NOISE_TABLE) expect((counts.get(row.noise) ?? 0) / draws).toBeCloseTo(row.probability, 2);
  });

  it('redraws the linked cells of one added signal independently: no snapshot pair shows +1 in all of them', () => {
    // The snapshot attacker: one signal with record key r joins 24 published cells; each cell's key moves by r.
    // Read straight from the cell key, about 1 in 90 such additions kept every cell's noise (all +1).
    const next = seededWords(2024);
    const trials = 20_000;
    const cells = 24;
    let allKept = 0;
    let kept = 0;
    for (let t = 0; t < trials; t++) {
      // Small record keys and keys close to 2^32 are where the bands used to hold; a third of the trials use them.
      const r = t % 3 === 0 ? (next() % 4096) + 1 : t % 3 === 1 ? RECORD_KEY_SPACE - 1 - (next() % 4096) : next();
      let keptHere = 0;
      for (let c = 0; c < cells; c++) {
        const before = next();
        if (noiseOf(before) === noiseOf((before + r) % RECORD_KEY_SPACE)) keptHere++;
      }
      kept += keptHere;
      if (keptHere === cells) allKept++;
    }
    expect(allKept).toBe(0);
    // Each cell keeps its noise about as often as a fresh draw would (0.316), not more.
    expect(kept / (trials * cells)).toBeCloseTo(KEEP_CHANCE, 2);
  });
});
