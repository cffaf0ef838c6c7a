import { CBS_BANDS } from '@wijksignaal/contracts/population';
import type { SnapshotContent } from './write-snapshot.ts';

/**
 * A small snapshot for the API's tests: three wijken in two gemeenten. Noord has every age band, Zuid lacks
 * the 65+ band (so themes that need it have no denominator), Haven has no signals at all. The snapshot is
 * built by the pipeline's own publisher (write-snapshot.ts), so its counts are perturbed and withheld below
 * k: tests compare responses with what its `published_counts` holds (read-snapshot.ts), not with sums of
 * these rows.
 */
export const FIXTURE_NOW = new Date('2025-03-05T12:00:00Z'); // a Wednesday in 2025-W10

const BAND_RESIDENTS: Record<string, Record<string, number>> = {
  WK000101: { '0-14': 200, '15-24': 150, '25-44': 400, '45-64': 300, '65+': 250 },
  WK000102: { '0-14': 90, '15-24': 60, '25-44': 120, '45-64': 80 },
  WK000201: { '0-14': 10, '15-24': 20, '25-44': 30, '45-64': 40, '65+': 50 },
};

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});

export function fixtureContent(): SnapshotContent {
  return {
    areas: [
      {
        code: 'WK000101',
        name: 'Noord',
        gemeenteCode: 'GM0001',
        gemeenteName: 'Eerstestad',
        year: 2024,
        residents: 1300,
        geometry: square(5, 52),
      },
      {
        code: 'WK000102',
        name: 'Zuid',
        gemeenteCode: 'GM0001',
        gemeenteName: 'Eerstestad',
        year: 2024,
        residents: 350,
        geometry: square(5.1, 52),
      },
      {
        code: 'WK000201',
        name: 'Haven',
        gemeenteCode: 'GM0002',
        gemeenteName: 'Tweededorp',
        year: 2024,
        residents: 150,
        geometry: null,
      },
    ],
    population: Object.entries(BAND_RESIDENTS).flatMap(([code, bands]) =>
      CBS_BANDS.filter((band) => bands[band] !== undefined).map((band) => ({
        code,
        year: 2024,
        band,
        residents: bands[band] ?? 0,
      })),
    ),
    weeklyCounts: [
      { wijk: 'WK000101', week: '2025-W05', theme: 'loneliness', category: 'social', n: 4 },
      { wijk: 'WK000101', week: '2025-W05', theme: 'loneliness', category: 'emotional', ageBand: '75+', n: 2 },
      { wijk: 'WK000101', week: '2025-W07', theme: 'loneliness', category: 'isolation', n: 3 },
      { wijk: 'WK000101', week: '2025-W10', theme: 'loneliness', category: 'social', n: 1 },
      { wijk: 'WK000101', week: '2024-W40', theme: 'loneliness', category: 'social', n: 9 },
      { wijk: 'WK000101', week: '2025-W06', theme: 'escalation', category: 'youth_nuisance', sourceKind: 'police', n: 5 },
      { wijk: 'WK000102', week: '2025-W06', theme: 'loneliness', category: 'social', n: 7 },
      { wijk: 'WK000102', week: '2025-W08', theme: 'school_absence', category: 'long_term', sourceKind: 'school', n: 11 },
    ],
    ingestStatus: [
      { partner: 'demo-partner', outcome: 'accepted', n: 43, lastSeen: '2025-03-05 10:00:00' },
      { partner: 'demo-partner', outcome: 'personal_data', n: 2, lastSeen: '2025-03-04 09:00:00' },
      { partner: 'demo-partner', outcome: 'schema_violation', n: 1, lastSeen: '2025-03-05 11:30:00' },
      { partner: 'school-noord', outcome: 'accepted', n: 11, lastSeen: null },
    ],
    meta: { consumer_lag: '{"0":3,"1":0,"2":4}', area_year: '2024' },
  };
}

/** Residents of a wijk over the given bands; null when any band is unknown, as the API must answer. */
export function fixtureResidents(code: string, bands: readonly string[]): number | null {
  const known = BAND_RESIDENTS[code] ?? {};
  let sum = 0;
  for (const band of bands) {
    const value = known[band];
    if (value === undefined) return null;
    sum += value;
  }
  return sum;
}
