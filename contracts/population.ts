import type { AgeBand, Theme } from './signal.ts';

/** The CBS Kerncijfers age bands: the resolution at which denominators are exact. */
export const CBS_BANDS = ['0-14', '15-24', '25-44', '45-64', '65+'] as const;
export type CbsBand = (typeof CBS_BANDS)[number];

/** Each signal age band nests in exactly one CBS band (`unknown` in none). */
export const CBS_BAND_OF: Record<AgeBand, CbsBand | null> = {
  '0-3': '0-14',
  '4-11': '0-14',
  '12-14': '0-14',
  '15-17': '15-24',
  '18-24': '15-24',
  '25-44': '25-44',
  '45-64': '45-64',
  '65-74': '65+',
  '75+': '65+',
  unknown: null,
};

/** The population a theme's rate is expressed against (DESIGN.md §5). */
export const THEME_POPULATION: Record<Theme, { bands: readonly CbsBand[]; label: string }> = {
  school_absence: { bands: ['0-14', '15-24'], label: 'inwoners 0–24 jaar' },
  loneliness: { bands: ['15-24', '25-44', '45-64', '65+'], label: 'inwoners 15 jaar en ouder' },
  escalation: { bands: CBS_BANDS, label: 'alle inwoners' },
};
