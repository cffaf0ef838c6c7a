import type { CbsBand } from '@wijksignaal/contracts/population';

/** The kinds of wijk the demo region mixes, so rates per age group have something to show. */
export type WijkKind = 'centrum' | 'studenten' | 'gezinnen' | 'gemengd' | 'naoorlogs' | 'dorp' | 'buitengebied';

export interface WijkProfile {
  /** Share of residents per CBS band in percent, in CBS_BANDS order, before jitter. */
  shares: Record<CbsBand, number>;
  residents: [min: number, max: number];
}

/*
 * Rough shapes of real Dutch wijken in the 2024 Kerncijfers: an inner city is 25–44 heavy, a student
 * quarter 15–24 heavy, a Vinex suburb has many children, a village and a post-war estate are grey.
 */
export const WIJK_PROFILES: Record<WijkKind, WijkProfile> = {
  centrum: { shares: { '0-14': 7, '15-24': 21, '25-44': 42, '45-64': 18, '65+': 12 }, residents: [9_000, 18_000] },
  studenten: { shares: { '0-14': 4, '15-24': 45, '25-44': 33, '45-64': 11, '65+': 7 }, residents: [8_000, 16_000] },
  gezinnen: { shares: { '0-14': 24, '15-24': 11, '25-44': 32, '45-64': 24, '65+': 9 }, residents: [10_000, 25_000] },
  gemengd: { shares: { '0-14': 15, '15-24': 12, '25-44': 29, '45-64': 26, '65+': 18 }, residents: [7_000, 20_000] },
  naoorlogs: { shares: { '0-14': 13, '15-24': 10, '25-44': 23, '45-64': 27, '65+': 27 }, residents: [5_000, 14_000] },
  dorp: { shares: { '0-14': 12, '15-24': 9, '25-44': 17, '45-64': 30, '65+': 32 }, residents: [1_500, 6_500] },
  buitengebied: { shares: { '0-14': 15, '15-24': 11, '25-44': 19, '45-64': 33, '65+': 22 }, residents: [1_500, 4_000] },
};

/** A gemeente's wijken, centre first: a city, a mid-sized town, and two rural gemeenten. */
export const GEMEENTE_LAYOUTS: readonly (readonly WijkKind[])[] = [
  [
    'centrum',
    'studenten',
    'gemengd',
    'naoorlogs',
    'gemengd',
    'studenten',
    'naoorlogs',
    'gemengd',
    'gezinnen',
    'gezinnen',
    'gezinnen',
    'buitengebied',
  ],
  ['gemengd', 'naoorlogs', 'gezinnen', 'gemengd', 'gezinnen', 'naoorlogs', 'gezinnen', 'dorp', 'buitengebied'],
  ['dorp', 'dorp', 'naoorlogs', 'dorp', 'dorp', 'dorp', 'buitengebied'],
  ['dorp', 'dorp', 'dorp', 'dorp', 'buitengebied', 'buitengebied'],
];
