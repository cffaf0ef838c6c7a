import { CBS_BANDS } from '@wijksignaal/contracts/population';
import type { SnapshotAlarmRow, SnapshotContent } from './write-snapshot.ts';

/**
 * Ten wijken of 1,000 residents with the same age mix in two gemeenten, for the analytics endpoints. In
 * 2025-W05 WK000101 has 20 escalation signals and the nine others 80 together, so the region's rate is
 * 10 per 1,000 and WK000101 has twice it (SMR 2). Stored alarms: WK000102 amber (EARS C2) in W08 and red
 * (Farrington) in W09, WK000103 amber (EARS C1) in W09. "Now" is 2025-W10.
 */
export const ANALYTICS_NOW = new Date('2025-03-05T12:00:00Z');
export const WIJKEN = Array.from({ length: 10 }, (_, i) => `WK000${i < 5 ? 1 : 2}0${(i % 5) + 1}`);
export const BAND_RESIDENTS = { '0-14': 200, '15-24': 100, '25-44': 300, '45-64': 250, '65+': 150 } as const;
export const OTHER_COUNTS = [8, 9, 9, 9, 9, 9, 9, 9, 9];

const alarm = (row: Omit<SnapshotAlarmRow, 'theme'>): SnapshotAlarmRow => ({ theme: 'escalation', ...row });

export function analyticsContent(): SnapshotContent {
  return {
    areas: WIJKEN.map((code, i) => ({
      code,
      name: `Wijk ${i + 1}`,
      gemeenteCode: `GM000${i < 5 ? 1 : 2}`,
      gemeenteName: i < 5 ? 'Eerstestad' : 'Tweededorp',
      year: 2024,
      residents: 1000,
    })),
    population: WIJKEN.flatMap((code) => CBS_BANDS.map((band) => ({ code, year: 2024, band, residents: BAND_RESIDENTS[band] }))),
    weeklyCounts: WIJKEN.map((wijk, i) => ({
      wijk,
      week: '2025-W05' as const,
      theme: 'escalation',
      n: i === 0 ? 20 : (OTHER_COUNTS[i - 1] ?? 0),
    })),
    alarms: [
      alarm({
        wijk: 'WK000102',
        week: '2025-W08',
        method: 'earsC2',
        observed: 0,
        expected: 2,
        threshold: 6,
        alarm: false,
        level: 'amber',
        baselineFrom: '2025-W01',
        baselineTo: '2025-W07',
      }),
      alarm({
        wijk: 'WK000102',
        week: '2025-W08',
        method: 'earsC1',
        observed: 0,
        expected: 1,
        threshold: 5,
        alarm: false,
        level: 'none',
        baselineFrom: '2025-W01',
        baselineTo: '2025-W07',
      }),
      alarm({
        wijk: 'WK000102',
        week: '2025-W09',
        method: 'earsC2',
        observed: 0,
        expected: 1.5,
        threshold: 5.5,
        alarm: false,
        level: 'none',
        baselineFrom: '2025-W02',
        baselineTo: '2025-W08',
      }),
      alarm({
        wijk: 'WK000102',
        week: '2025-W09',
        method: 'farrington',
        observed: 0,
        expected: 3,
        threshold: 7,
        pValue: 0.001,
        alarm: true,
        level: 'red',
        baselineFrom: '2022-W05',
        baselineTo: '2025-W08',
      }),
      alarm({
        wijk: 'WK000103',
        week: '2025-W09',
        method: 'earsC1',
        observed: 0,
        expected: 1,
        threshold: 4,
        alarm: true,
        level: 'amber',
        baselineFrom: '2025-W02',
        baselineTo: '2025-W08',
      }),
      alarm({
        wijk: 'WK000103',
        week: '2025-W10',
        method: 'earsC1',
        observed: 0,
        expected: null,
        threshold: null,
        alarm: false,
        level: 'none',
        reason: 'running week',
      }),
    ],
    priorities: WIJKEN.map((wijk, i) => ({
      wijk,
      rank: i + 1,
      score: 10 - i,
      components: {
        escalation: {
          smr: 1,
          smrLower: 0.5,
          smrUpper: 1.5,
          observed: i === 0 ? 20 : (OTHER_COUNTS[i - 1] ?? 0),
          expected: 10,
          trendRatio: null,
          alarmLevel: 'none',
          contribution: 10 - i,
        },
      },
    })),
  };
}
