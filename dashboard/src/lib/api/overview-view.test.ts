import { describe, expect, it } from 'vitest';
import type { AreasResponse, OverviewResponse } from '@wijksignaal/contracts/http';
import { areaNamesOnce, overviewView } from './overview-view.ts';

const area = (code: string, name: string) => ({
  code,
  name,
  gemeenteCode: 'GM0001',
  gemeenteName: 'Eerstestad',
  residents: 1000,
});

const body: OverviewResponse = {
  theme: 'loneliness',
  from: '2025-W01',
  to: '2025-W13',
  period: { kind: 'quarter', label: '2025-Q1', from: '2025-W01', to: '2025-W13' },
  populationLabel: 'inwoners 15 jaar en ouder',
  k: 5,
  smrUnknownAge: '',
  alarmWeeks: { from: '2025-W12', to: '2025-W13' },
  alarmLevels: ['none', 'amber', 'red'],
  areas: {
    code: ['WK000101', 'WK000102'],
    count: [12, '<5'],
    residents: [1000, 900],
    rate: [12, 'x'],
    rateLower: [6.2, null],
    rateUpper: [21, null],
    smr: [1.25, 'x'],
    smrLower: [0.65, null],
    smrUpper: [2.18, null],
    smrExpected: [9.6, null],
    alarmLevel: [2, 0],
    priorityRank: [1, null],
    priorityScore: [0.42, null],
  },
};

describe('overviewView', () => {
  it('makes each wijk a row again, named from /areas, with withheld cells as the page shows them', () => {
    const view = overviewView(body, [area('WK000102', 'Zuid'), area('WK000101', 'Noord')]);
    expect(view).not.toHaveProperty('alarmLevels');
    expect(view.areas).toEqual([
      {
        code: 'WK000101',
        name: 'Noord',
        gemeenteName: 'Eerstestad',
        count: 12,
        residents: 1000,
        ratePer1000: 12,
        rate: { value: 12, lower: 6.2, upper: 21 },
        smr: { value: 1.25, lower: 0.65, upper: 2.18, expected: 9.6 },
        alarmLevel: 'red',
        priority: { rank: 1, score: 0.42 },
      },
      {
        code: 'WK000102',
        name: 'Zuid',
        gemeenteName: 'Eerstestad',
        count: { suppressed: true, display: '<5' },
        residents: 900,
        ratePer1000: { suppressed: true, display: 'x' },
        rate: { suppressed: true, display: 'x' },
        smr: { suppressed: true, display: 'x' },
        alarmLevel: 'none',
        priority: null,
      },
    ]);
  });
});

describe('areaNamesOnce', () => {
  it('asks /areas once for every overview, and again only for a code it does not know', async () => {
    let loads = 0;
    let list: AreasResponse = { year: 2024, areas: [area('WK000101', 'Noord')] };
    const names = areaNamesOnce(async () => {
      loads++;
      return list;
    });
    await names(['WK000101']);
    await names(['WK000101']);
    expect(loads).toBe(1);
    list = { year: 2025, areas: [area('WK000101', 'Noord'), area('WK000103', 'Oost')] };
    expect((await names(['WK000103'])).map((a) => a.name)).toEqual(['Noord', 'Oost']);
    expect(loads).toBe(2);
  });
});
