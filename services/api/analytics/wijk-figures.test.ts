import { describe, expect, it } from 'vitest';
import { ratePer1000 } from '@wijksignaal/domain/epi/rate';
import { indirectlyStandardisedRatios } from '@wijksignaal/domain/epi/smr';
import { wijkFigures } from './wijk-figures.ts';

const area = (code: string, count: number, residents: number | null) => ({
  code,
  name: code,
  gemeenteCode: 'GM0001',
  gemeenteName: 'G',
  count,
  residents: residents === null ? null : Math.round(residents),
  exactResidents: residents,
  ratePer1000: residents ? (count / residents) * 1000 : null,
});

describe('wijkFigures', () => {
  it('gives the rate and interval of ratePer1000 and the SMR of indirectlyStandardisedRatios', () => {
    const areas = [area('A', 3, 412.5), area('B', 14, 980), area('C', 0, 150), area('D', 3, null)];
    const population = new Map([
      ['A', { '0-14': 100, '15-24': 50, '25-44': 100, '45-64': 100, '65+': 62.5 }],
      ['B', { '0-14': 200, '15-24': 80, '25-44': 300, '45-64': 250, '65+': 150 }],
      ['C', { '0-14': 30, '15-24': 30, '25-44': 30, '45-64': 30, '65+': 30 }],
    ]);
    const counts = [
      { wijk: 'A', ageBand: '75+', n: 3 },
      { wijk: 'B', ageBand: '25-44', n: 10 },
      { wijk: 'B', ageBand: '0-3', n: 4 },
    ];
    const figures = wijkFigures('escalation', areas, counts, population);
    for (const f of figures) {
      if (f.exactResidents === null) expect(f.rate).toBeNull();
      else {
        const r = ratePer1000(f.count, f.exactResidents);
        expect(f.rate).toEqual({ value: r.rate, lower: r.lower, upper: r.upper });
      }
    }
    const rows = [...population].flatMap(([wijk, bands]) =>
      Object.entries(bands).map(([band, residents]) => ({
        area: wijk,
        band,
        population: residents,
        observed: counts
          .filter(
            (c) =>
              c.wijk === wijk &&
              ({ '75+': '65+', '25-44': '25-44', '0-3': '0-14' } as Record<string, string>)[c.ageBand] === band,
          )
          .reduce((s, c) => s + c.n, 0),
      })),
    );
    for (const r of indirectlyStandardisedRatios(rows)) {
      const smr = figures.find((f) => f.code === r.area)?.smr;
      expect(smr?.value).toBeCloseTo(r.smr, 12);
      expect(smr?.lower).toBeCloseTo(r.lower, 12);
      expect(smr?.upper).toBeCloseTo(r.upper, 12);
      expect(smr?.expected).toBeCloseTo(r.expected, 12);
    }
    expect(figures.find((f) => f.code === 'D')?.smr).toBeNull();
  });
});
