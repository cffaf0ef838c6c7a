import { CBS_BAND_OF, THEME_POPULATION, type CbsBand } from '@wijksignaal/contracts/population';
import { THEMES, type AgeBand, type Theme } from '@wijksignaal/contracts/signal';
import type { AlarmLevel } from './alarm-level.ts';
import { indirectlyStandardisedRatios, type AgeBandCount } from '../epi/smr.ts';

/**
 * Which wijken deserve attention first: one score per wijk that a GGD team lead can take apart. Per
 * theme three parts, each zero when there is nothing to worry about:
 * - level: ln(lower SMR bound) when even the lower bound lies above the region (SMR > 1 beyond chance);
 * - trend: ln of the weekly rate in the last 4 complete weeks over the 13 before, with 2 pseudo-events
 *   added to the recent window (and the same rate to the older one), so 1 case after 0 is no trend;
 * - alarms: 2 for a red, 1 for an amber alarm in the last 2 complete weeks.
 * A theme contributes weights.smr·level + weights.trend·trend + weights.alarms·alarms; the score is the
 * sum over themes. Ties rank by wijk code, so the list is the same on every run.
 */

export interface PriorityWeights {
  smr: number;
  trend: number;
  alarms: number;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { smr: 1, trend: 1, alarms: 1 };

export const SMR_WEEKS = 13;
export const TREND_RECENT_WEEKS = 4;
export const TREND_PRIOR_WEEKS = 13;
export const ALARM_WEEKS = 2;
const TREND_PSEUDO_EVENTS = 2;
const ALARM_POINTS: Record<AlarmLevel, number> = { none: 0, amber: 1, red: 2 };

/** Events of one wijk × theme × signal age band in the three windows. */
export interface PriorityCounts {
  wijk: string;
  theme: string;
  ageBand: string;
  /** The last SMR_WEEKS complete weeks. */
  smrWindow: number;
  /** The last TREND_RECENT_WEEKS complete weeks. */
  recent: number;
  /** The TREND_PRIOR_WEEKS complete weeks before those. */
  prior: number;
}

export interface ThemeComponent {
  smr: number | null;
  smrLower: number | null;
  smrUpper: number | null;
  observed: number;
  expected: number | null;
  trendRatio: number | null;
  alarmLevel: AlarmLevel;
  contribution: number;
}

export interface WijkPriority {
  wijk: string;
  score: number;
  rank: number;
  components: Record<string, ThemeComponent>;
}

export interface PriorityInput {
  wijken: readonly string[];
  counts: readonly PriorityCounts[];
  /** Residents per CBS band per wijk; wijken without an age mix get no SMR. */
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>;
  /** Worst alarm level of the last ALARM_WEEKS complete weeks, keyed `wijk|theme`. */
  alarmLevels: ReadonlyMap<string, AlarmLevel>;
  weights?: PriorityWeights;
}

const OUTSIDE = 'outside'; // unknown age, or an age outside the theme's population: counted, no denominator

function smrBand(theme: Theme, ageBand: string): string {
  const band = CBS_BAND_OF[ageBand as AgeBand] ?? null;
  return band !== null && THEME_POPULATION[theme].bands.includes(band) ? band : OUTSIDE;
}

interface SmrOutcome {
  smr: number;
  lower: number;
  upper: number;
  expected: number;
}

/**
 * SMR against the region: reference rates are the pooled band rates over the wijken with an age mix,
 * scaled so the region's expected total equals its observed total (events of unknown age included).
 */
function themeSmrs(
  theme: Theme,
  counts: readonly PriorityCounts[],
  population: PriorityInput['population'],
): Map<string, SmrOutcome> {
  const bands = THEME_POPULATION[theme].bands;
  const rows: AgeBandCount[] = [];
  const observedByWijk = new Map<string, Map<string, number>>();
  for (const c of counts) {
    if (c.theme !== theme || !population.has(c.wijk)) continue;
    const byBand = observedByWijk.get(c.wijk) ?? new Map<string, number>();
    const band = smrBand(theme, c.ageBand);
    byBand.set(band, (byBand.get(band) ?? 0) + c.smrWindow);
    observedByWijk.set(c.wijk, byBand);
  }
  const regionByBand = new Map<string, { observed: number; population: number }>();
  let regionTotal = 0;
  for (const [wijk, residents] of population) {
    const byBand = observedByWijk.get(wijk);
    for (const band of bands) {
      const r = regionByBand.get(band) ?? { observed: 0, population: 0 };
      r.observed += byBand?.get(band) ?? 0;
      r.population += residents[band] ?? 0;
      regionByBand.set(band, r);
    }
    regionTotal += byBand?.get(OUTSIDE) ?? 0;
  }
  let knownTotal = 0;
  for (const r of regionByBand.values()) knownTotal += r.observed;
  regionTotal += knownTotal;
  const out = new Map<string, SmrOutcome>();
  if (knownTotal === 0) return out;
  const scale = regionTotal / knownTotal;
  const reference = new Map<string, number>([[OUTSIDE, 0]]);
  for (const [band, r] of regionByBand) reference.set(band, r.population > 0 ? (scale * r.observed) / r.population : 0);

  for (const [wijk, residents] of population) {
    let expected = 0;
    for (const band of bands) expected += (reference.get(band) ?? 0) * (residents[band] ?? 0);
    if (!(expected > 0)) continue;
    const byBand = observedByWijk.get(wijk);
    for (const band of [...bands, OUTSIDE]) {
      rows.push({
        area: wijk,
        band,
        observed: byBand?.get(band) ?? 0,
        population: band === OUTSIDE ? 0 : (residents[band as CbsBand] ?? 0),
      });
    }
  }
  for (const r of indirectlyStandardisedRatios(rows, { referenceRates: reference })) {
    out.set(r.area, { smr: r.smr, lower: r.lower, upper: r.upper, expected: r.expected });
  }
  return out;
}

export function trendRatio(recent: number, prior: number): number | null {
  return prior > 0 ? recent / TREND_RECENT_WEEKS / (prior / TREND_PRIOR_WEEKS) : null;
}

/** The damped log rate ratio the score uses (see the module comment). */
export function trendPart(recent: number, prior: number): number {
  const pseudoPrior = (TREND_PSEUDO_EVENTS * TREND_PRIOR_WEEKS) / TREND_RECENT_WEEKS;
  const ratio = (recent + TREND_PSEUDO_EVENTS) / TREND_RECENT_WEEKS / ((prior + pseudoPrior) / TREND_PRIOR_WEEKS);
  return Math.max(0, Math.log(ratio));
}

/** Throws a one-line message naming the weight, for the API to turn into a problem response. */
export function assertWeights(weights: PriorityWeights): void {
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`priority weight ${name} must be a number ≥ 0, got ${String(value)}`);
  }
}

export function prioritise(input: PriorityInput): WijkPriority[] {
  const weights = input.weights ?? DEFAULT_PRIORITY_WEIGHTS;
  assertWeights(weights);
  const totals = new Map<string, { smrWindow: number; recent: number; prior: number }>();
  for (const c of input.counts) {
    const key = `${c.wijk}|${c.theme}`;
    const t = totals.get(key) ?? { smrWindow: 0, recent: 0, prior: 0 };
    t.smrWindow += c.smrWindow;
    t.recent += c.recent;
    t.prior += c.prior;
    totals.set(key, t);
  }
  const smrs = new Map(THEMES.map((theme) => [theme, themeSmrs(theme, input.counts, input.population)]));
  const wijken = [...new Set([...input.wijken, ...input.counts.map((c) => c.wijk)])];

  const scored = wijken.map((wijk) => {
    const components: Record<string, ThemeComponent> = {};
    let score = 0;
    for (const theme of THEMES) {
      const key = `${wijk}|${theme}`;
      const t = totals.get(key) ?? { smrWindow: 0, recent: 0, prior: 0 };
      const smr = smrs.get(theme)?.get(wijk) ?? null;
      const alarmLevel = input.alarmLevels.get(key) ?? 'none';
      const levelPart = smr !== null && smr.lower > 1 ? Math.log(smr.lower) : 0;
      const contribution =
        weights.smr * levelPart + weights.trend * trendPart(t.recent, t.prior) + weights.alarms * ALARM_POINTS[alarmLevel];
      components[theme] = {
        smr: smr?.smr ?? null,
        smrLower: smr?.lower ?? null,
        smrUpper: smr?.upper ?? null,
        observed: t.smrWindow,
        expected: smr?.expected ?? null,
        trendRatio: trendRatio(t.recent, t.prior),
        alarmLevel,
        contribution,
      };
      score += contribution;
    }
    return { wijk, score, rank: 0, components };
  });
  scored.sort((a, b) => b.score - a.score || (a.wijk < b.wijk ? -1 : a.wijk > b.wijk ? 1 : 0));
  scored.forEach((p, i) => {
    p.rank = i + 1;
  });
  return scored;
}
