import type { AgeBand, Category, Severity, SourceKind, Theme } from '@wijksignaal/contracts/signal';
import { CBS_BANDS, type CbsBand } from '@wijksignaal/contracts/population';

/**
 * Base rates of the simulated partner streams. Figures come from the domain research
 * (/work/shared/research/domain.md §1, cited as "domain §1.x"); where no public figure exists the
 * comment says [assumption]. Rates are signals per 1,000 residents of a CBS band per year.
 */

/** Share of residents per CBS band, the Netherlands 2024 [derived: kwb_2024_wijken_nl.csv, 17.85 M residents]. */
export const NATIONAL_BAND_SHARE: Record<CbsBand, number> = {
  '0-14': 0.151,
  '15-24': 0.123,
  '25-44': 0.256,
  '45-64': 0.265,
  '65+': 0.205,
};

export type SeasonKind = 'flat' | 'school' | 'school_luxury' | 'winter' | 'summer';

export interface SignalStream {
  theme: Theme;
  sourceKind: SourceKind;
  /** Which categories the stream's signals carry, with relative weights. */
  categories: readonly (readonly [Category, number])[];
  /** Signals per 1,000 residents of each CBS band per year (missing band = none). */
  per1000ByBand: Partial<Record<CbsBand, number>>;
  /** How a signal from a CBS band spreads over the contract's finer bands (weights within the band). */
  fineAgeWeights: Partial<Record<AgeBand, number>>;
  /** Share of signals where the professional did not record an age. */
  unknownAgeShare: number;
  severity: readonly [low: number, medium: number, high: number];
  /** Negative binomial size: smaller means burstier (repeat reports about the same people). */
  dispersion: number;
  season: SeasonKind;
  /** School registers send one weekly count per cell instead of one message per pupil. */
  preAggregated: boolean;
}

export const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high'];

/** Annual growth per theme, applied smoothly from TREND_REFERENCE_YEAR. */
export const TREND_PER_YEAR: Record<Theme, number> = {
  // E33 registrations grew 138,810 → 141,759 (2022 → 2023, +2.1%) after years of ~+8% (domain §1.3).
  escalation: 0.03,
  // Verzuim meldingen +30% in Zuid-Holland-Zuid 2022/23 (domain §1.2); moderated [assumption].
  school_absence: 0.05,
  // Eenzaam 39% → 49% over 2012–2022 ≈ +2.3% a year [derived, domain §1.1].
  loneliness: 0.02,
};
export const TREND_REFERENCE_YEAR = 2025;

/** Spread a national rate per 1,000 residents over the CBS bands by the share of signals per band. */
export function perBandFromNational(
  per1000Residents: number,
  signalShareByBand: Partial<Record<CbsBand, number>>,
): Partial<Record<CbsBand, number>> {
  const total = CBS_BANDS.reduce((s, b) => s + (signalShareByBand[b] ?? 0), 0);
  const out: Partial<Record<CbsBand, number>> = {};
  for (const band of CBS_BANDS) {
    const share = (signalShareByBand[band] ?? 0) / total;
    if (share > 0) out[band] = (per1000Residents * share) / NATIONAL_BAND_SHARE[band];
  }
  return out;
}

const ADULT_AGES: Partial<Record<AgeBand, number>> = {
  '15-17': 0.1,
  '18-24': 0.9,
  '25-44': 1,
  '45-64': 1,
  '65-74': 0.6,
  '75+': 0.4,
};
const SCHOOL_AGES: Partial<Record<AgeBand, number>> = {
  // Verzuim concentrates in secondary school and MBO [assumption]; 18+ reports are optional (domain §1.2).
  '4-11': 0.3,
  '12-14': 0.7,
  '15-17': 0.85,
  '18-24': 0.15,
};
const YOUTH_AGES: Partial<Record<AgeBand, number>> = { '12-14': 1, '15-17': 0.6, '18-24': 0.4 };
const ELDERLY_AGES: Partial<Record<AgeBand, number>> = {
  // 65–74 is about 57% of 65+ [assumption, CBS 2024 age pyramid]; per-capita rates below already differ.
  '45-64': 1,
  '65-74': 0.45,
  '75+': 0.55,
};

/** Pupils with a school-absence melding, per 1,000 residents: per-pupil rate × 2.4 M pupils / 17.9 M residents (domain §1.2). */
const PUPILS_PER_RESIDENT = 2.4 / 17.9;
const SCHOOL_BAND_SHARE = { '0-14': 0.45, '15-24': 0.55 } as const; // [assumption] VO/MBO carry most verzuim

function school(category: Category, per1000Pupils: number, severity: SignalStream['severity'], season: SeasonKind): SignalStream {
  return {
    theme: 'school_absence',
    sourceKind: 'school',
    categories: [[category, 1]],
    per1000ByBand: perBandFromNational(per1000Pupils * PUPILS_PER_RESIDENT, SCHOOL_BAND_SHARE),
    fineAgeWeights: SCHOOL_AGES,
    unknownAgeShare: 0,
    severity,
    dispersion: 6,
    season,
    preAggregated: true,
  };
}

export const SIGNAL_STREAMS: readonly SignalStream[] = [
  // ── escalation ──
  {
    // E33 "verward gedrag": 141,759 registrations in 2023 ≈ 7.9 per 1,000 residents (domain §1.3).
    // Many reports concern the same people (13k persons caused 66% in 2016) → strongly over-dispersed.
    theme: 'escalation',
    sourceKind: 'police',
    categories: [['confused_behaviour', 1]],
    per1000ByBand: perBandFromNational(7.9, { '0-14': 0.01, '15-24': 0.15, '25-44': 0.4, '45-64': 0.3, '65+': 0.14 }),
    fineAgeWeights: { ...ADULT_AGES, '12-14': 1 },
    unknownAgeShare: 0.05,
    severity: [0.25, 0.5, 0.25],
    dispersion: 2,
    season: 'flat',
    preAggregated: false,
  },
  {
    // Jeugdoverlast: 88,654 police meldingen in 2022 ≈ 5.0 per 1,000 residents (domain §1.3); the
    // April 2020 near-doubling shows how strongly it follows time outdoors, hence a summer peak.
    theme: 'escalation',
    sourceKind: 'police',
    categories: [['youth_nuisance', 1]],
    per1000ByBand: perBandFromNational(5.0, { '0-14': 0.3, '15-24': 0.7 }),
    fineAgeWeights: YOUTH_AGES,
    unknownAgeShare: 0.15,
    severity: [0.6, 0.3, 0.1],
    dispersion: 3,
    season: 'summer',
    preAggregated: false,
  },
  {
    // Youth workers' own nuisance signals: no national volume exists (domain §1.4) [assumption: 1.5].
    theme: 'escalation',
    sourceKind: 'youth_work',
    categories: [['youth_nuisance', 1]],
    per1000ByBand: perBandFromNational(1.5, { '0-14': 0.35, '15-24': 0.65 }),
    fineAgeWeights: YOUTH_AGES,
    unknownAgeShare: 0.05,
    severity: [0.7, 0.25, 0.05],
    dispersion: 4,
    season: 'summer',
    preAggregated: false,
  },
  {
    // Veilig Thuis meldingen ≈ 7.1 per 1,000 residents, ~70% from police/justice; 50% concern
    // children, 38% (ex-)partner violence, 2% elder abuse (domain §1.3). Non-police split [assumption].
    theme: 'escalation',
    sourceKind: 'police',
    categories: [['domestic_violence', 1]],
    per1000ByBand: perBandFromNational(7.1 * 0.7, { '0-14': 0.38, '15-24': 0.16, '25-44': 0.3, '45-64': 0.14, '65+': 0.02 }),
    fineAgeWeights: { ...ADULT_AGES, '0-3': 0.2, '4-11': 0.5, '12-14': 0.3, '15-17': 0.5, '18-24': 0.5 },
    unknownAgeShare: 0.03,
    severity: [0.15, 0.5, 0.35],
    dispersion: 4,
    season: 'flat',
    preAggregated: false,
  },
  {
    theme: 'escalation',
    sourceKind: 'school',
    categories: [['domestic_violence', 1]],
    per1000ByBand: perBandFromNational(7.1 * 0.15, { '0-14': 0.75, '15-24': 0.25 }),
    fineAgeWeights: { '4-11': 0.6, '12-14': 0.4, '15-17': 1 },
    unknownAgeShare: 0,
    severity: [0.2, 0.5, 0.3],
    dispersion: 5,
    season: 'school',
    preAggregated: false,
  },
  {
    theme: 'escalation',
    sourceKind: 'home_care',
    categories: [['domestic_violence', 1]],
    per1000ByBand: perBandFromNational(7.1 * 0.05, { '45-64': 0.3, '65+': 0.7 }),
    fineAgeWeights: ELDERLY_AGES,
    unknownAgeShare: 0,
    severity: [0.2, 0.5, 0.3],
    dispersion: 5,
    season: 'flat',
    preAggregated: false,
  },
  {
    theme: 'escalation',
    sourceKind: 'social_team',
    categories: [
      ['domestic_violence', 0.7],
      ['neighbour_dispute', 0.3],
    ],
    per1000ByBand: perBandFromNational((7.1 * 0.1) / 0.7, {
      '0-14': 0.3,
      '15-24': 0.1,
      '25-44': 0.35,
      '45-64': 0.2,
      '65+': 0.05,
    }),
    fineAgeWeights: { ...ADULT_AGES, '0-3': 0.3, '4-11': 0.5, '12-14': 0.2 },
    unknownAgeShare: 0.02,
    severity: [0.3, 0.5, 0.2],
    dispersion: 5,
    season: 'flat',
    preAggregated: false,
  },
  {
    // The rest of the ≈26 overlast meldingen per 1,000 (domain §1.3) that a wijkagent would flag
    // to a wijkteam [assumption: 3 neighbour disputes, 2 other].
    theme: 'escalation',
    sourceKind: 'police',
    categories: [
      ['neighbour_dispute', 3],
      ['other_nuisance', 2],
    ],
    per1000ByBand: perBandFromNational(5.0, { '15-24': 0.05, '25-44': 0.4, '45-64': 0.4, '65+': 0.15 }),
    fineAgeWeights: ADULT_AGES,
    unknownAgeShare: 0.1,
    severity: [0.55, 0.35, 0.1],
    dispersion: 4,
    season: 'flat',
    preAggregated: false,
  },
  // ── school absence (domain §1.2; per 1,000 pupils, converted to residents) ──
  school('relative_16h', 27, [0.5, 0.4, 0.1], 'school'), // BBV indicator NL 2023: 27 per 1,000 pupils
  school('absolute', 6.3, [0.1, 0.4, 0.5], 'school'), // NL 2023: 6.3 per 1,000 pupils
  school('long_term', 3_246 / 2_400, [0.05, 0.35, 0.6], 'school'), // LRV 3,246 (2021/22) / 2.4 M pupils [derived]
  school('luxury', 27 * 0.15, [0.7, 0.25, 0.05], 'school_luxury'), // 10–20% of relative meldingen [assumption]
  school('other', 20, [0.75, 0.2, 0.05], 'school'), // overig verzuim: no national rate [assumption]
  // ── loneliness (domain §1.1: no national signal rate; detection shares × CBS prevalence) ──
  {
    // Home care notices 2–5% of sterk eenzame clients a year; sterk eenzaam 7.2% (65–74) and 9.4% (75+)
    // (CBS 85766NED 2022). Upper end of the range: ≈ 4 per 1,000 aged 65+, a little in 45–64 [assumption].
    theme: 'loneliness',
    sourceKind: 'home_care',
    categories: [
      ['social', 0.35],
      ['emotional', 0.35],
      ['isolation', 0.25],
      ['unspecified', 0.05],
    ],
    per1000ByBand: { '45-64': 0.3, '65+': 4.1 },
    fineAgeWeights: ELDERLY_AGES,
    unknownAgeShare: 0,
    severity: [0.35, 0.45, 0.2],
    dispersion: 5,
    season: 'winter',
    preAggregated: false,
  },
  {
    // Wijkteam / GP-like detection 0.5% of sterk eenzamen a year (huisarts 0.5–1%, domain §1.1).
    theme: 'loneliness',
    sourceKind: 'social_team',
    categories: [
      ['social', 0.4],
      ['emotional', 0.3],
      ['isolation', 0.2],
      ['unspecified', 0.1],
    ],
    per1000ByBand: { '25-44': 0.6, '45-64': 0.5, '65+': 0.45 },
    fineAgeWeights: ADULT_AGES,
    unknownAgeShare: 0.02,
    severity: [0.4, 0.45, 0.15],
    dispersion: 5,
    season: 'winter',
    preAggregated: false,
  },
  {
    // Young people: sterk eenzaam 12.1% at 15–25 (CBS 85766NED 2022) × 1% seen by youth work [assumption].
    theme: 'loneliness',
    sourceKind: 'youth_work',
    categories: [
      ['social', 0.45],
      ['emotional', 0.35],
      ['isolation', 0.15],
      ['unspecified', 0.05],
    ],
    per1000ByBand: { '15-24': 1.2 },
    fineAgeWeights: { '15-17': 0.5, '18-24': 0.5 },
    unknownAgeShare: 0.03,
    severity: [0.45, 0.4, 0.15],
    dispersion: 5,
    season: 'winter',
    preAggregated: false,
  },
];

/** Expected signals per year of a stream for a population (per CBS band). */
export function annualExpected(stream: SignalStream, residentsByBand: Partial<Record<CbsBand, number>>): number {
  let total = 0;
  for (const band of CBS_BANDS) total += ((residentsByBand[band] ?? 0) * (stream.per1000ByBand[band] ?? 0)) / 1000;
  return total;
}
