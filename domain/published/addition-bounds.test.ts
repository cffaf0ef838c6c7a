import { describe, expect, it } from 'vitest';
import { additionBounds } from './addition-bounds.ts';
import { RECORD_KEY_SPACE, publishedCount } from './perturbation.ts';
import { seededWords } from './seeded-words.ts';

const K = 5;

describe('additionBounds: the snapshot-difference attacker', () => {
  it('bounds an increase by each cell’s intervals, and is pinned only by a cell that swings across the whole noise', () => {
    expect(additionBounds([{ before: 10, after: 11 }], K)).toEqual({ low: 1, high: 7 });
    // 12 → 7 (noise +3 before, −3 after): only an increase of exactly 1 fits.
    expect(additionBounds([{ before: 12, after: 7 }], K)).toEqual({ low: 1, high: 1 });
    expect(additionBounds([{ before: 9, after: null }], K)).toEqual({ low: 1, high: 1 });
    expect(additionBounds([{ before: null, after: 5 }], K).high).toBe(8);
  });

  it('pins one added signal in about 2 % of additions over 48 linked cells, never an increase other than 1', () => {
    // One signal joins every cell that holds it (3 area levels × 4 periods × 4 breakdowns); each cell is
    // redrawn. The attacker pins "exactly one was added" only when some cell went from noise +3 to −3 (4 in
    // 10,000 per cell). That is the price of ±3; what it gives away is the size of the addition, not a count.
    const next = seededWords(48);
    const trials = 20_000;
    let pinned = 0;
    let wrong = 0;
    for (let t = 0; t < trials; t++) {
      const r = next();
      const cells = Array.from({ length: 48 }, () => {
        const n = 1 + (next() % 40);
        const key = next();
        return { before: publishedCount(n, key, K), after: publishedCount(n + 1, (key + r) % RECORD_KEY_SPACE, K) };
      });
      const { low, high } = additionBounds(cells, K);
      if (low > 1 || high < 1) wrong++;
      if (low === high) pinned++;
    }
    expect(wrong).toBe(0);
    expect(pinned / trials).toBeLessThan(0.03);
  });
});
