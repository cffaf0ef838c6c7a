import { isoWeekOfDate, mondayOfIsoWeek, weeksInIsoYear, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { createRng, standardNormal } from './prng.ts';
import { TREND_PER_YEAR, TREND_REFERENCE_YEAR, type SeasonKind } from './rates.ts';
import { holidayWeeks, preHolidayWeeks, schoolRegionOf, type SchoolRegion } from './school-holidays.ts';

const YEAR_MS = 365.2425 * 86_400_000;
const LUXURY_PEAK = 2.5; // [assumption] luxury absence in the last school week before a holiday

/**
 * Multiplier on a stream's average weekly rate for one week. Each kind averages to about 1 over a
 * year, so annual totals keep matching the base rates in rates.ts.
 */
export function seasonFactor(kind: SeasonKind, week: IsoWeek | WeekInfo, gemeenteCode: string): number {
  const { year, week: w, weeksInYear: n } = typeof week === 'string' ? weekInfo(week) : week;
  switch (kind) {
    case 'flat':
      return 1;
    case 'winter':
      // Loneliness signals peak around the turn of the year (dark days, holidays alone).
      return 1 + 0.25 * Math.cos((2 * Math.PI * (w - 1)) / n);
    case 'summer':
      // Youth nuisance follows time spent outdoors: high in July, low in January.
      return 1 + 0.3 * Math.cos((2 * Math.PI * (w - 28)) / n);
    case 'school':
    case 'school_luxury':
      return schoolFactor(kind, year, w, n, schoolRegionOf(gemeenteCode));
  }
}

/** A parsed ISO week; parse once per week when evaluating many wijken. */
export interface WeekInfo {
  year: number;
  week: number;
  weeksInYear: number;
}

export function weekInfo(week: IsoWeek): WeekInfo {
  const parsed = isoWeekOfDate(mondayOfIsoWeek(week));
  return { ...parsed, weeksInYear: weeksInIsoYear(parsed.year) };
}

const schoolCache = new Map<string, { closed: Set<number>; pre: Set<number>; norm: number; luxuryNorm: number }>();

function schoolFactor(kind: 'school' | 'school_luxury', year: number, w: number, n: number, region: SchoolRegion): number {
  const key = `${year}:${region}`;
  let cal = schoolCache.get(key);
  if (!cal) {
    const closed = holidayWeeks(year, region, n);
    const pre = preHolidayWeeks(year, region, n);
    const open = n - closed.size;
    cal = { closed, pre, norm: n / open, luxuryNorm: n / (open + pre.size * (LUXURY_PEAK - 1)) };
    schoolCache.set(key, cal);
  }
  if (cal.closed.has(w)) return 0;
  if (kind === 'school') return cal.norm;
  return cal.luxuryNorm * (cal.pre.has(w) ? LUXURY_PEAK : 1);
}

/** Slow growth per theme relative to the reference year (1 at its start). */
export function trendFactor(theme: Theme, week: IsoWeek): number {
  const years = (mondayOfIsoWeek(week).getTime() - Date.UTC(TREND_REFERENCE_YEAR, 0, 1)) / YEAR_MS;
  return Math.pow(1 + TREND_PER_YEAR[theme], years);
}

/** Sd of the log of a wijk's lasting level: ±30% between areas, as the domain research suggests (§1.1). */
const AREA_EFFECT_SD = 0.3;

/**
 * A wijk's lasting level for a theme (mean 1, log-normal), fixed per seed: some districts simply have
 * more signals, which is what the rankings and funnel plots should show.
 */
export function areaEffect(seed: number | string, areaCode: string, theme: Theme): number {
  const key = `${seed}|${areaCode}|${theme}`;
  let effect = areaEffectMemo.get(key);
  if (effect === undefined) {
    const z = standardNormal(createRng(seed, 'area-effect', areaCode, theme));
    effect = Math.exp(AREA_EFFECT_SD * z - (AREA_EFFECT_SD * AREA_EFFECT_SD) / 2);
    // A pure function of its arguments, memoised because a backfill asks for it every week.
    if (areaEffectMemo.size > 200_000) areaEffectMemo.clear();
    areaEffectMemo.set(key, effect);
  }
  return effect;
}

const areaEffectMemo = new Map<string, number>();
