import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  feasibleSmallValues,
  isRelationSafe,
  suppressSecondary,
  type AdditiveRelation,
  type CellStatus,
} from './secondary-suppression.ts';

function primaries(values: readonly number[], k: number): CellStatus[] {
  return values.map((v) => (v >= 1 && v < k ? 'primary' : 'published'));
}

function hiddenValues(values: readonly number[], status: readonly CellStatus[]): number[] {
  return values.filter((_, i) => status[i] !== 'published');
}

/**
 * An attacker who knows the published cells, the total, and what the labels say (`<k` cells are 1…k−1,
 * `x` cells are 0 or ≥ k): which values can one small count still take? Found by enumerating the
 * reachable sums of the other hidden cells, independently of the closed form in the module.
 */
function attackerValues(values: readonly number[], status: readonly CellStatus[], target: number, k: number): number[] {
  const hiddenIdx = values.map((_, i) => i).filter((i) => status[i] !== 'published');
  const sum = hiddenIdx.reduce((s, i) => s + (values[i] ?? 0), 0);
  let reachable = new Set<number>([0]);
  for (const i of hiddenIdx) {
    if (i === target) continue;
    const domain = status[i] === 'primary' ? range(1, k - 1) : [0, ...range(k, sum)];
    const next = new Set<number>();
    for (const r of reachable) for (const d of domain) if (r + d <= sum) next.add(r + d);
    reachable = next;
  }
  return range(1, k - 1).filter((v) => reachable.has(sum - v));
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

describe('secondary suppression', () => {
  it('gives exactly {3, 0, 9} for the worked example [12, 3, 0, 9], total 24, k = 5', () => {
    const values = [12, 3, 0, 9];
    const status = suppressSecondary(values, primaries(values, 5), [{ members: [0, 1, 2, 3] }], 5);
    expect(status).toEqual(['published', 'primary', 'secondary', 'secondary']);
  });

  it('leaves a relation without small counts alone', () => {
    const values = [12, 0, 7, 9];
    expect(suppressSecondary(values, primaries(values, 5), [{ members: [0, 1, 2, 3] }], 5)).toEqual(primaries(values, 5));
  });

  it('does not let two "<5" cells give themselves away through their sum', () => {
    // 4 + 4 = 8 is at least k, but both lie in 1…4, so both must be 4: a third cell has to go.
    const values = [4, 4, 30];
    const status = suppressSecondary(values, primaries(values, 5), [{ members: [0, 1, 2] }], 5);
    expect(status).toEqual(['primary', 'primary', 'secondary']);
  });

  it('hides the published total when nothing else is left to hide', () => {
    const values = [4, 4, 8];
    const relation: AdditiveRelation = { members: [0, 1], total: 2 };
    const status = suppressSecondary(values, primaries(values, 5), [relation], 5);
    expect(status[2]).toBe('secondary');
  });

  it('does not let a hidden total follow from its published members', () => {
    // Cells 0..1 are the wijken of a gemeente (total at 2); the gemeente is hidden as a complement one level up.
    const values = [6, 9, 15];
    const relation: AdditiveRelation = { members: [0, 1], total: 2 };
    const status = suppressSecondary(values, ['published', 'published', 'secondary'], [relation], 5);
    expect(status).toEqual(['secondary', 'published', 'secondary']); // 15 − 9 is no longer the answer
    // A small total with every member that has a count hidden is as uncertain as they are: nothing more to hide.
    expect(isRelationSafe([3, 0, 3], ['primary', 'published', 'primary'], relation, 5)).toBe(true);
    // Hidden members adding up to less than k under a hidden total of at least k: one more goes.
    expect(isRelationSafe([0, 9, 9], ['secondary', 'published', 'secondary'], relation, 5)).toBe(false);
  });

  it('counts the values a small count can still take', () => {
    expect(feasibleSmallValues(12, 1, 2, 5)).toBe(4); // the worked example: 3 could be 1…4
    expect(feasibleSmallValues(6, 1, 1, 5)).toBe(1); // `<5` + `x` = 6: the `x` must be 5, so the `<5` is 1
    expect(feasibleSmallValues(8, 2, 0, 5)).toBe(1);
  });

  it('for random relations with a published total: never one hidden cell, a hidden sum of at least k, no small count pinned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 10 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 7 }),
        (k, cells) => {
          const total = cells.reduce((a, b) => a + b, 0);
          const values = [...cells, total];
          const relation: AdditiveRelation = { members: cells.map((_, i) => i), total: cells.length };
          const status = suppressSecondary(values, primaries(values, k), [relation], k);
          values.forEach((v, i) => {
            if (v >= 1 && v < k) expect(status[i]).not.toBe('published');
          });
          expect(isRelationSafe(values, status, relation, k)).toBe(true);
          if (status[cells.length] !== 'published') return; // no total to subtract from
          const memberStatus = status.slice(0, cells.length);
          const hidden = hiddenValues(cells, memberStatus);
          expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
          if (hidden.length > 0) expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(k);
          memberStatus.forEach((s, i) => {
            if (s === 'primary') expect(attackerValues(cells, memberStatus, i, k).length).toBeGreaterThanOrEqual(2);
          });
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('keeps every row and column of a table with totals both ways safe at once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 40 })), { minLength: 30, maxLength: 30 }),
        (k, rows, cols, pool) => {
          const values = range(0, rows * cols - 1).map((i) => pool[i] ?? 0);
          const relations: AdditiveRelation[] = [
            ...range(0, rows - 1).map((r) => ({ members: range(0, cols - 1).map((c) => r * cols + c) })),
            ...range(0, cols - 1).map((c) => ({ members: range(0, rows - 1).map((r) => r * cols + c) })),
          ];
          const status = suppressSecondary(values, primaries(values, k), relations, k);
          for (const relation of relations) {
            const hidden = relation.members.filter((i) => status[i] !== 'published');
            const allHidden = hidden.length === relation.members.length;
            if (!allHidden) {
              expect(hidden.length).not.toBe(1);
              if (hidden.length > 0) expect(hidden.reduce((s, i) => s + (values[i] ?? 0), 0)).toBeGreaterThanOrEqual(k);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
