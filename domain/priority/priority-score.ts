import type { CbsBand } from '@wijksignaal/contracts/population';
import { THEMES, type Theme } from '@wijksignaal/contracts/signal';
import { regionalSmrs } from '../epi/regional-smr.ts';
import { withheldStandIn } from '../published/perturbation.ts';
import type { AlarmLevel } from './alarm-level.ts';
import { TREND_PRIOR_PERIODS } from './priority-periods.ts';

/**
 * Which wijken deserve attention first: one score per wijk that a GGD team lead can take apart, computed
 * from published counts only (domain/published), so nothing in it says more than the overview does. Per
 * theme three parts, each zero when there is nothing to worry about:
 * - level: ln(lower SMR bound) when even the lower bound lies above the region (SMR > 1 beyond chance),
 *   over the latest complete quarter;
 * - trend: ln of the weekly rate in the latest complete 4-week period over the three 4-week periods
 *   before it, with 2 pseudo-events added to the recent window (and the same rate to the older one), so 1
 *   case after 0 is no trend; a withheld period counts as k − 1;
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

export const ALARM_WEEKS = 2;
const TREND_PSEUDO_EVENTS = 2;
const ALARM_POINTS: Record<AlarmLevel, number> = { none: 0, amber: 1, red: 2 };
const NOT_SHOWN: PublishedThemeCounts = { smr: null, recent: null, prior: new Array<null>(TREND_PRIOR_PERIODS).fill(null) };

/** Published counts of one wijk × theme: a number, or null when not shown (`<k`, a true zero included). */
export interface PublishedThemeCounts {
  /** The SMR quarter. */
  smr: number | null;
  /** The recent 4-week period. */
  recent: number | null;
  /** The 4-week periods before it. */
  prior: readonly (number | null)[];
}

export interface ThemeComponent {
  /** The published count of the SMR quarter; null when withheld. */
  observed: number | null;
  smr: number | null;
  smrLower: number | null;
  smrUpper: number | null;
  expected: number | null;
  trendRatio: number | null;
  alarmLevel: AlarmLevel;
  /** The three unweighted parts, so a ranking can be weighted again without reading counts. */
  parts: { level: number; trend: number; alarms: number };
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
  /** Keyed `wijk|theme`; a wijk × theme with no cell shown is absent. */
  counts: ReadonlyMap<string, PublishedThemeCounts>;
  /** Per theme, the region's published counts per signal age band over the SMR quarter. */
  regionByAgeBand: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Residents per CBS band per wijk; wijken without an age mix get no SMR. */
  population: ReadonlyMap<string, Partial<Record<CbsBand, number>>>;
  /** Worst alarm level of the last ALARM_WEEKS complete weeks, keyed `wijk|theme`. */
  alarmLevels: ReadonlyMap<string, AlarmLevel>;
  /** Weeks in the recent window and in the prior windows (a 4-week period has 5 weeks in a 53-week year). */
  trendWeeks: { recent: number; prior: number };
  /** The k of the published counts: a withheld count enters the trend as k − 1. */
  k: number;
  weights?: PriorityWeights;
}

export function trendRatio(recent: number, prior: number, weeks: { recent: number; prior: number }): number | null {
  return prior > 0 ? recent / weeks.recent / (prior / weeks.prior) : null;
}

/** The damped log rate ratio the score uses (see the module comment). */
export function trendPart(recent: number, prior: number, weeks: { recent: number; prior: number }): number {
  const pseudoPrior = (TREND_PSEUDO_EVENTS * weeks.prior) / weeks.recent;
  const ratio = (recent + TREND_PSEUDO_EVENTS) / weeks.recent / ((prior + pseudoPrior) / weeks.prior);
  return Math.max(0, Math.log(ratio));
}

/** Throws a one-line message naming the weight, for the API to turn into a problem response. */
export function assertWeights(weights: PriorityWeights): void {
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`priority weight ${name} must be a number ≥ 0, got ${String(value)}`);
  }
}

function weigh(parts: ThemeComponent['parts'], weights: PriorityWeights): number {
  return weights.smr * parts.level + weights.trend * parts.trend + weights.alarms * parts.alarms;
}

/** Ranks by score (or by one theme's contribution), ties by wijk code. */
function ranked(scored: WijkPriority[], by: (p: WijkPriority) => number): WijkPriority[] {
  scored.sort((a, b) => by(b) - by(a) || (a.wijk < b.wijk ? -1 : a.wijk > b.wijk ? 1 : 0));
  scored.forEach((p, i) => {
    p.rank = i + 1;
  });
  return scored;
}

export function prioritise(input: PriorityInput): WijkPriority[] {
  const weights = input.weights ?? DEFAULT_PRIORITY_WEIGHTS;
  assertWeights(weights);
  const asCount = (n: number | null) => n ?? withheldStandIn(input.k);
  const smrs = new Map(
    THEMES.map((theme) => {
      const observed = new Map<string, number>();
      for (const wijk of input.wijken) {
        const n = input.counts.get(`${wijk}|${theme}`)?.smr;
        if (n !== undefined && n !== null) observed.set(wijk, n);
      }
      const regionByAgeBand = input.regionByAgeBand.get(theme) ?? new Map<string, number>();
      return [theme, regionalSmrs({ theme: theme as Theme, observed, regionByAgeBand, population: input.population })];
    }),
  );
  const scored = input.wijken.map((wijk): WijkPriority => {
    const components: Record<string, ThemeComponent> = {};
    let score = 0;
    for (const theme of THEMES) {
      const key = `${wijk}|${theme}`;
      const c = input.counts.get(key) ?? NOT_SHOWN;
      const recent = asCount(c.recent);
      const prior = c.prior.reduce<number>((s, n) => s + asCount(n), 0);
      const smr = smrs.get(theme)?.get(wijk) ?? null;
      const alarmLevel = input.alarmLevels.get(key) ?? 'none';
      const parts = {
        level: smr !== null && smr.lower > 1 ? Math.log(smr.lower) : 0,
        trend: trendPart(recent, prior, input.trendWeeks),
        alarms: ALARM_POINTS[alarmLevel],
      };
      const contribution = weigh(parts, weights);
      components[theme] = {
        observed: c.smr,
        smr: smr?.value ?? null,
        smrLower: smr?.lower ?? null,
        smrUpper: smr?.upper ?? null,
        expected: smr?.expected ?? null,
        trendRatio: trendRatio(recent, prior, input.trendWeeks),
        alarmLevel,
        parts,
        contribution,
      };
      score += contribution;
    }
    return { wijk, score, rank: 0, components };
  });
  return ranked(scored, (p) => p.score);
}

/**
 * A stored ranking weighted again (a team lead's own weights), or ranked by one theme's contribution:
 * the same parts, other weights, so it differs from the stored list by the weights alone.
 */
export function reweightPriorities(stored: readonly WijkPriority[], weights: PriorityWeights, theme?: Theme): WijkPriority[] {
  assertWeights(weights);
  const scored = stored.map((p): WijkPriority => {
    const components: Record<string, ThemeComponent> = {};
    let score = 0;
    for (const [t, c] of Object.entries(p.components)) {
      const contribution = weigh(c.parts, weights);
      components[t] = { ...c, contribution };
      score += contribution;
    }
    return { wijk: p.wijk, score, rank: 0, components };
  });
  return ranked(scored, theme === undefined ? (p) => p.score : (p) => p.components[theme]?.contribution ?? 0);
}
