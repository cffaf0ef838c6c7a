import { describe, expect, it } from 'vitest';
import { referenceWindow, referenceWindowStart } from './farrington-reference-window.ts';

const ORIGINAL = { b: 3, w: 3, noPeriods: 1, pastWeeksNotIncluded: 3, frequency: 52 };
const NOUFAILY = { b: 3, w: 3, noPeriods: 10, pastWeeksNotIncluded: 26, frequency: 52 };

describe('referenceWindow', () => {
  it('without seasonal blocks uses ±w weeks around the same week in each of the b previous years', () => {
    const k = 200;
    const { indices, levels } = referenceWindow(k, ORIGINAL);
    const expected: number[] = [];
    for (let year = 3; year >= 1; year--) for (let d = -3; d <= 3; d++) expected.push(k - 52 * year + d);
    expect([...indices]).toEqual(expected);
    expect(new Set(levels)).toEqual(new Set([1]));
  });

  it('with noPeriods blocks covers every week from the oldest window up to the gap, in noPeriods levels', () => {
    const k = 200;
    const { indices, levels } = referenceWindow(k, NOUFAILY);
    const from = k - 52 * 3 - 3;
    const to = k - 26 - 1;
    expect([...indices]).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
    expect(new Set(levels)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    for (let year = 1; year <= 3; year++) {
      for (let d = -3; d <= 3; d++) {
        const at = indices.indexOf(k - 52 * year + d);
        if (at >= 0) expect(levels[at]).toBe(10);
      }
    }
    // 45 weeks between two windows split into 9 blocks of 5, in order after each window.
    const afterOldest = indices.indexOf(k - 52 * 3 + 4);
    expect([...levels.slice(afterOldest, afterOldest + 45)]).toEqual(Array.from({ length: 45 }, (_, i) => Math.floor(i / 5) + 1));
  });

  it('reports how far back the window reaches', () => {
    expect(referenceWindowStart(159, ORIGINAL)).toBe(0);
    expect(referenceWindowStart(158, NOUFAILY)).toBe(-1);
  });
});
