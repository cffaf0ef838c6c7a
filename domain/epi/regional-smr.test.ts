import { describe, expect, it } from 'vitest';
import type { CbsBand } from '@wijksignaal/contracts/population';
import { poissonInterval } from './poisson-interval.ts';
import { regionalSmrs } from './regional-smr.ts';

const population = new Map<string, Partial<Record<CbsBand, number>>>([
  ['WK000101', { '0-14': 300, '15-24': 200, '25-44': 500, '45-64': 400, '65+': 600 }],
  ['WK000102', { '0-14': 600, '15-24': 400, '25-44': 1000, '45-64': 300, '65+': 100 }],
  ['WK000103', { '0-14': 100, '15-24': 100 }], // incomplete age mix: no SMR
]);

describe('regional SMR from published counts', () => {
  it('is observed over expected from the region’s band rates, and 1 for the region as a whole', () => {
    // Escalation counts every resident; 'unknown' age is outside every band and scales the rates up.
    const smrs = regionalSmrs({
      theme: 'escalation',
      observed: new Map([
        ['WK000101', 36],
        ['WK000102', 24],
      ]),
      regionByAgeBand: new Map([
        ['25-44', 30],
        ['75+', 20],
        ['unknown', 10],
      ]),
      population,
    });
    const scale = 60 / 50;
    const rate2544 = (scale * 30) / 1500;
    const rate65 = (scale * 20) / 700;
    const expected1 = rate2544 * 500 + rate65 * 600;
    expect(smrs.get('WK000101')!.expected).toBeCloseTo(expected1, 12);
    expect(smrs.get('WK000101')!.value).toBeCloseTo(36 / expected1, 12);
    expect(smrs.get('WK000101')!.lower).toBeCloseTo(poissonInterval(36).lower / expected1, 12);
    expect(expected1 + smrs.get('WK000102')!.expected).toBeCloseTo(60, 9); // the region's expected equals its observed
    expect(smrs.has('WK000103')).toBe(false);
  });

  it('gives a withheld wijk no SMR', () => {
    const smrs = regionalSmrs({
      theme: 'escalation',
      observed: new Map([['WK000102', 12]]),
      regionByAgeBand: new Map([['25-44', 12]]),
      population,
    });
    expect(smrs.has('WK000101')).toBe(false);
    expect(smrs.get('WK000102')!.value).toBeGreaterThan(0);
  });
});
