import { describe, expect, it } from 'vitest';
import { ratePer1000 } from '@wijksignaal/domain/epi/rate';
import { regionalSmrs } from '@wijksignaal/domain/epi/regional-smr';
import type { ThemeArea } from '../queries/theme-areas.ts';
import { wijkFigures } from './wijk-figures.ts';

const area = (code: string, residents: number | null): ThemeArea => ({
  code,
  name: code,
  gemeenteCode: 'GM0001',
  gemeenteName: 'G',
  residents: residents === null ? null : Math.round(residents),
  exactResidents: residents,
});

const population = new Map([
  ['WK000101', { '0-14': 100, '15-24': 50, '25-44': 100, '45-64': 100, '65+': 62.5 }],
  ['WK000102', { '0-14': 200, '15-24': 80, '25-44': 300, '45-64': 250, '65+': 150 }],
  ['WK000103', { '0-14': 30, '15-24': 30, '25-44': 30, '45-64': 30, '65+': 30 }],
]);

describe('wijkFigures', () => {
  const areas = [area('WK000101', 412.5), area('WK000102', 980), area('WK000103', 150), area('WK000104', null)];
  const cells = {
    wijk: new Map([
      ['WK000101', 6],
      ['WK000102', 14],
      ['WK000104', 7],
    ]),
    regionByAgeBand: new Map<string, number>([
      ['25-44', 10],
      ['75+', 8],
    ]),
  };
  const figures = wijkFigures('escalation', areas, cells, population);

  it('gives the rate and interval of ratePer1000 over each published count', () => {
    for (const f of figures.filter((x) => x.count !== null && x.exactResidents !== null)) {
      const r = ratePer1000(f.count!, f.exactResidents!);
      expect(f.rate).toEqual({ value: r.rate, lower: r.lower, upper: r.upper });
      expect(f.ratePer1000).toBe(r.rate);
    }
    expect(figures.find((f) => f.code === 'WK000104')).toMatchObject({ count: 7, rate: null, ratePer1000: null, smr: null });
  });

  it('treats a wijk without a published cell as withheld: no count, rate or SMR', () => {
    expect(figures.find((f) => f.code === 'WK000103')).toMatchObject({ count: null, rate: null, ratePer1000: null, smr: null });
  });

  it('gives the regional SMR of the published cells only (a withheld wijk is left out of the observed)', () => {
    const smrs = regionalSmrs({
      theme: 'escalation',
      observed: new Map([
        ['WK000101', 6],
        ['WK000102', 14],
        ['WK000104', 7],
      ]),
      regionByAgeBand: new Map([
        ['25-44', 10],
        ['75+', 8],
      ]),
      population,
    });
    for (const code of ['WK000101', 'WK000102']) {
      const smr = figures.find((f) => f.code === code)?.smr;
      expect(smr?.value).toBeCloseTo(smrs.get(code)!.value, 12);
      expect(smr?.lower).toBeCloseTo(smrs.get(code)!.lower, 12);
      expect(smr?.expected).toBeCloseTo(smrs.get(code)!.expected, 12);
    }
  });
});
