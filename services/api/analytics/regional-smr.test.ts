import { describe, expect, it } from 'vitest';
import type { CbsBand } from '@wijksignaal/contracts/population';
import { regionalSmrs } from './regional-smr.ts';

const mix = (young: number, old: number): Partial<Record<CbsBand, number>> => ({
  '0-14': young,
  '15-24': 0,
  '25-44': 0,
  '45-64': 0,
  '65+': old,
});

describe('regionalSmrs', () => {
  it('standardises for age: a young wijk with the region band rates has SMR 1', () => {
    const population = new Map([
      ['A', mix(900, 100)],
      ['B', mix(100, 900)],
    ]);
    // Band rates: 0-14 → 10/1000, 65+ → 100/1000, the same in both wijken.
    const counts = [
      { wijk: 'A', ageBand: '4-11', n: 9 },
      { wijk: 'A', ageBand: '75+', n: 10 },
      { wijk: 'B', ageBand: '0-3', n: 1 },
      { wijk: 'B', ageBand: '65-74', n: 90 },
    ];
    const smr = regionalSmrs('escalation', counts, population);
    expect(smr.get('A')?.value).toBeCloseTo(1, 12);
    expect(smr.get('B')?.value).toBeCloseTo(1, 12);
    expect(smr.get('A')?.expected).toBeCloseTo(19, 12);
  });

  it('keeps signals of unknown age as observed and scales the reference, so the region stays at SMR 1', () => {
    const population = new Map([
      ['A', mix(500, 500)],
      ['B', mix(500, 500)],
    ]);
    const counts = [
      { wijk: 'A', ageBand: '75+', n: 10 },
      { wijk: 'A', ageBand: 'unknown', n: 10 },
      { wijk: 'B', ageBand: '75+', n: 10 },
    ];
    const smr = regionalSmrs('escalation', counts, population);
    const a = smr.get('A')!;
    const b = smr.get('B')!;
    expect(a.expected + b.expected).toBeCloseTo(30, 12);
    expect(a.value).toBeCloseTo(20 / 15, 12);
    expect(b.value).toBeCloseTo(10 / 15, 12);
  });

  it('gives no SMR to a wijk without its theme bands, nor to anyone when nothing happened', () => {
    const population = new Map([
      ['A', mix(500, 500)],
      ['B', { '0-14': 10 }],
    ]);
    expect(
      regionalSmrs(
        'escalation',
        [
          { wijk: 'A', ageBand: '75+', n: 3 },
          { wijk: 'B', ageBand: '75+', n: 3 },
        ],
        population,
      ).has('B'),
    ).toBe(false);
    expect(regionalSmrs('escalation', [], population).size).toBe(0);
  });
});
