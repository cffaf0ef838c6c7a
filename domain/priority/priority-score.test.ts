import { describe, expect, it } from 'vitest';
import type { CbsBand } from '@wijksignaal/contracts/population';
import {
  prioritise,
  reweightPriorities,
  trendPart,
  trendRatio,
  type PriorityInput,
  type PublishedThemeCounts,
} from './priority-score.ts';

const RESIDENTS: Partial<Record<CbsBand, number>> = { '0-14': 800, '15-24': 600, '25-44': 1500, '45-64': 1400, '65+': 700 };
const WEEKS = { recent: 4, prior: 12 };

function counts(smr: number | null, recent: number | null, prior: (number | null)[]): PublishedThemeCounts {
  return { smr, recent, prior };
}

function input(over: Partial<PriorityInput> = {}): PriorityInput {
  return {
    wijken: ['WK01', 'WK02', 'WK03'],
    counts: new Map([
      ['WK01|loneliness', counts(13, 4, [4, 4, 5])],
      ['WK02|loneliness', counts(60, 40, [5, 4, 4])],
      ['WK03|loneliness', counts(13, 4, [4, 5, 4])],
    ]),
    // The region's published quarter by signal age band: all 25-44, as the wijk counts above.
    regionByAgeBand: new Map([['loneliness', new Map([['25-44', 86]])]]),
    population: new Map([
      ['WK01', RESIDENTS],
      ['WK02', RESIDENTS],
      ['WK03', RESIDENTS],
    ]),
    alarmLevels: new Map([['WK02|loneliness', 'red' as const]]),
    trendWeeks: WEEKS,
    k: 5,
    ...over,
  };
}

describe('prioritise over published counts', () => {
  it('ranks the wijk with a raised level, a rising trend and a red alarm first, and shows why', () => {
    const [first, ...rest] = prioritise(input());
    expect(first?.wijk).toBe('WK02');
    expect(first?.rank).toBe(1);
    const loneliness = first!.components.loneliness!;
    expect(loneliness.alarmLevel).toBe('red');
    expect(loneliness.smr).toBeGreaterThan(1);
    expect(loneliness.smrLower).toBeGreaterThan(1);
    expect(loneliness.smrLower!).toBeLessThan(loneliness.smr!);
    expect(loneliness.smrUpper!).toBeGreaterThan(loneliness.smr!);
    expect(loneliness.observed).toBe(60);
    expect(loneliness.trendRatio).toBeCloseTo(40 / 4 / (13 / 12), 12);
    expect(loneliness.parts).toEqual({ level: Math.log(loneliness.smrLower!), trend: trendPart(40, 13, WEEKS), alarms: 2 });
    const sum = Object.values(first!.components).reduce((s, c) => s + c.contribution, 0);
    expect(first!.score).toBeCloseTo(sum, 12);
    expect(rest.map((p) => p.rank)).toEqual([2, 3]);
  });

  it('keeps expected counts summing to the region total (indirect standardisation against the region)', () => {
    const result = prioritise(input());
    const expected = result.reduce((s, p) => s + (p.components.loneliness!.expected ?? 0), 0);
    expect(expected).toBeCloseTo(86, 9);
  });

  it('gives a withheld quarter no SMR, and counts a withheld 4-week period as k − 1 in the trend', () => {
    const result = prioritise(input({ counts: new Map([['WK01|loneliness', counts(null, null, [null, 5, null])]]) }));
    const c = result.find((p) => p.wijk === 'WK01')!.components.loneliness!;
    expect(c.observed).toBeNull();
    expect(c.smr).toBeNull();
    expect(c.trendRatio).toBeCloseTo(4 / 4 / (13 / 12), 12);
  });

  it('breaks ties by wijk code, the same on every run', () => {
    const result = prioritise(input({ counts: new Map(), alarmLevels: new Map(), wijken: ['WK09', 'WK03', 'WK05'] }));
    expect(result.map((p) => p.wijk)).toEqual(['WK03', 'WK05', 'WK09']);
    expect(result.every((p) => p.score === 0)).toBe(true);
  });

  it('follows the weights: with only the alarm weight, only alarms count', () => {
    const result = prioritise(input({ weights: { smr: 0, trend: 0, alarms: 1 } }));
    expect(result[0]?.score).toBe(2);
    expect(result[1]?.score).toBe(0);
  });

  it('weighs a stored ranking again exactly as scoring with those weights would', () => {
    const weights = { smr: 0.5, trend: 2, alarms: 0 };
    const direct = prioritise(input({ weights }));
    const again = reweightPriorities(prioritise(input()), weights);
    expect(again.map((p) => [p.wijk, p.rank])).toEqual(direct.map((p) => [p.wijk, p.rank]));
    for (const [i, p] of again.entries()) expect(p.score).toBeCloseTo(direct[i]!.score, 12);
    expect(reweightPriorities(prioritise(input()), weights, 'escalation').map((p) => p.wijk)).toEqual(['WK01', 'WK02', 'WK03']);
  });

  it('gives a wijk without an age mix no SMR but still its trend and alarms', () => {
    const population = new Map([
      ['WK01', RESIDENTS],
      ['WK03', RESIDENTS],
    ]);
    const wk02 = prioritise(input({ population })).find((p) => p.wijk === 'WK02')!;
    expect(wk02.components.loneliness!.smr).toBeNull();
    expect(wk02.components.loneliness!.alarmLevel).toBe('red');
    expect(wk02.score).toBeGreaterThan(0);
  });

  it('rejects a negative weight with a message naming it', () => {
    expect(() => prioritise(input({ weights: { smr: 1, trend: -1, alarms: 1 } }))).toThrow(/priority weight trend/);
  });

  it('does not call one case after a quiet quarter a trend, but does a real rise', () => {
    expect(trendRatio(1, 0, WEEKS)).toBeNull();
    expect(trendPart(1, 0, WEEKS)).toBeLessThan(0.5);
    expect(trendPart(40, 13, WEEKS)).toBeGreaterThan(1.5);
    expect(trendPart(4, 13, WEEKS)).toBe(0);
  });
});
