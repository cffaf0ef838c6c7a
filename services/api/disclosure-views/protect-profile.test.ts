import { describe, expect, it } from 'vitest';
import { cellAddress } from '../queries/published-cells.ts';
import type { ThemeArea } from '../queries/theme-areas.ts';
import { protectProfile } from './protect-profile.ts';

const settings = { k: 5, minDenominator: 100 };
const KEYS = { category: ['a', 'b', 'c'], source: ['s1', 's2'], ageBand: ['young', 'old'] };
const small = { suppressed: true, display: '<5' };
const hidden = { suppressed: true, display: 'x' };

const area = (code: string, gemeenteCode: string, residents: number | null): ThemeArea => ({
  code,
  name: `Wijk ${code}`,
  gemeenteCode,
  gemeenteName: `Gemeente ${gemeenteCode}`,
  residents: residents === null ? null : Math.round(residents),
  exactResidents: residents,
});

const AREAS = [area('WK000101', 'GM0001', 1000), area('WK000102', 'GM0001', 400.4), area('WK000201', 'GM0002', 50)];

function cells(
  entries: [level: 'wijk' | 'gemeente' | 'region', area: string, dimension: string, value: string, count: number][],
) {
  return new Map(
    entries.map(([level, a, dimension, value, count]) => [cellAddress(level, a, dimension as 'total', value), count]),
  );
}

describe('protectProfile', () => {
  it('lists every value of each breakdown as its published cell, a value without one as <k, extra values after', () => {
    const out = protectProfile(
      {
        code: 'WK000101',
        areas: AREAS,
        cells: cells([
          ['wijk', 'WK000101', 'total', '', 14],
          ['wijk', 'WK000101', 'category', 'a', 9],
          ['wijk', 'WK000101', 'category', 'zz', 6],
          ['wijk', 'WK000101', 'source', 's2', 13],
          ['wijk', 'WK000102', 'category', 'b', 7],
        ]),
        keys: KEYS,
      },
      settings,
    );
    expect(out.breakdowns.category).toEqual([
      { key: 'a', count: 9 },
      { key: 'b', count: small },
      { key: 'c', count: small },
      { key: 'zz', count: 6 },
    ]);
    expect(out.breakdowns.source).toEqual([
      { key: 's1', count: small },
      { key: 's2', count: 13 },
    ]);
    expect(out.breakdowns.ageBand.every((r) => typeof r.count !== 'number' && r.count.suppressed)).toBe(true);
  });

  it('publishes every cell it has, next to withheld ones: each is perturbed on its own, so no complement is needed', () => {
    // The old design hid the gemeente (or a second wijk) so that 20 − 14 would not give the small one away;
    // with perturbation, 20 − 14 is a difference of two noisy cells, not the withheld count.
    const out = protectProfile(
      {
        code: 'WK000101',
        areas: AREAS,
        cells: cells([
          ['wijk', 'WK000101', 'total', '', 14],
          ['gemeente', 'GM0001', 'total', '', 20],
          ['region', 'region', 'total', '', 26],
        ]),
        keys: KEYS,
      },
      settings,
    );
    const [wijk, gemeente, region] = out.comparison;
    expect(wijk).toMatchObject({ level: 'wijk', code: 'WK000101', count: 14, residents: 1000, rate: { value: 14 } });
    expect(gemeente).toMatchObject({ level: 'gemeente', code: 'GM0001', count: 20, residents: 1400 });
    expect((gemeente!.rate as { value: number }).value).toBeCloseTo((20 / 1400.4) * 1000, 12);
    expect(region).toMatchObject({ level: 'region', code: null, count: 26, residents: 1450 });
  });

  it('hides the rate of a withheld count, and of too few residents; no rate where a population is missing', () => {
    const out = protectProfile(
      {
        code: 'WK000201',
        areas: [...AREAS, area('WK000202', 'GM0002', null)],
        cells: cells([['gemeente', 'GM0002', 'total', '', 8]]),
        keys: KEYS,
      },
      settings,
    );
    const [wijk, gemeente, region] = out.comparison;
    expect(wijk).toMatchObject({ count: small, residents: 50, rate: hidden });
    expect(gemeente).toMatchObject({ count: 8, residents: null, rate: null });
    expect(region).toMatchObject({ count: small, residents: null, rate: null });
    const big = protectProfile(
      { code: 'WK000201', areas: AREAS, cells: cells([['wijk', 'WK000201', 'total', '', 6]]), keys: KEYS },
      settings,
    );
    expect(big.comparison[0]).toMatchObject({ count: 6, residents: 50, rate: hidden });
  });
});
