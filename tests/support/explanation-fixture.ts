import { addIsoWeeks, isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { createDetectionPool } from '@wijksignaal/pipelines/analyse/detection-pool';
import { refreshAlarms } from '@wijksignaal/pipelines/analyse/refresh-alarms';
import type { SnapshotContent, SnapshotCountRow } from './write-snapshot.ts';

/**
 * A snapshot whose alarms the pipeline itself computed (`refreshAlarms`), for the explanation endpoints:
 * WK000101 has about 20 loneliness signals a week for 170 weeks (Farrington reads 3 years back) and 70 in
 * the last complete week (an alarm for every method that can see it); its escalation series is 20 weeks
 * young. WK000102 has 20 a week.
 */
export const EXPLAIN_NOW = new Date('2026-11-25T10:00:00Z');
export const EXPLAIN_CURRENT = isoWeekFromDate(EXPLAIN_NOW);
export const EXPLAIN_SPIKE = addIsoWeeks(EXPLAIN_CURRENT, -1);
export const EXPLAIN_WIJK = 'WK000101';

function counts(): SnapshotCountRow[] {
  const rows: SnapshotCountRow[] = [];
  for (let back = 170; back >= 1; back--) {
    const week = addIsoWeeks(EXPLAIN_CURRENT, -back);
    rows.push({ wijk: EXPLAIN_WIJK, week, theme: 'loneliness', n: week === EXPLAIN_SPIKE ? 70 : 18 + (back % 5) });
    rows.push({ wijk: 'WK000102', week, theme: 'loneliness', n: 20 });
    if (back <= 20) rows.push({ wijk: EXPLAIN_WIJK, week, theme: 'escalation', n: 10 + (back % 3) });
  }
  return rows;
}

export function explanationContent(): SnapshotContent {
  return {
    areas: [EXPLAIN_WIJK, 'WK000102'].map((code, i) => ({
      code,
      name: `Wijk ${i + 1}`,
      gemeenteCode: 'GM0001',
      gemeenteName: 'Eerstestad',
      year: 2024,
      residents: 5000,
    })),
    population: [EXPLAIN_WIJK, 'WK000102'].flatMap((code) =>
      CBS_BANDS.map((band) => ({ code, year: 2024, band, residents: 1000 })),
    ),
    weeklyCounts: counts(),
    analyse: async (conn, { k }) => {
      const pool = createDetectionPool(1);
      try {
        await refreshAlarms(conn, 'all', { currentWeek: EXPLAIN_CURRENT, k, pool });
      } finally {
        await pool.close();
      }
    },
  };
}
