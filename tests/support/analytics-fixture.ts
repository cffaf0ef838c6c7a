import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { refreshPriorities } from '@wijksignaal/pipelines/analyse/refresh-priorities';
import type { SnapshotAlarmRow, SnapshotContent } from './write-snapshot.ts';

/**
 * Ten wijken of 1,000 residents with the same age mix in two gemeenten, for the analytics endpoints. In
 * 2024-W45 (quarter 2024-Q4, the latest complete quarter when "now" is 2025-W10) WK000101 has 20 escalation
 * signals and the nine others 80 together, so the region's rate is about 10 per 1,000 and WK000101 has
 * about twice it (SMR ≈ 2; the published cells are perturbed, so tests read the exact numbers from the
 * snapshot's published table). Stored alarms: WK000102 amber (EARS C2) in 2025-W08 and red (Farrington)
 * in W09, WK000103 amber (EARS C1) in W09. The priorities are the pipeline's own (`refreshPriorities`).
 */
export const ANALYTICS_NOW = new Date('2025-03-05T12:00:00Z');
export const WIJKEN = Array.from({ length: 10 }, (_, i) => `WK000${i < 5 ? 1 : 2}0${(i % 5) + 1}`);
export const BAND_RESIDENTS = { '0-14': 200, '15-24': 100, '25-44': 300, '45-64': 250, '65+': 150 } as const;
export const OTHER_COUNTS = [8, 9, 9, 9, 9, 9, 9, 9, 9];
export const COUNT_WEEK = '2024-W45';
/** The quarter the counts lie in: also the priority score's SMR quarter. */
export const COUNT_QUARTER = { from: '2024-W40', to: '2024-W52' } as const;

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
      week: COUNT_WEEK,
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
    // The score reads the stored alarms above (the last two complete weeks) and the published cells.
    analyse: async (conn, { k }) => {
      await refreshPriorities(conn, { currentWeek: '2025-W10', k });
    },
  };
}
