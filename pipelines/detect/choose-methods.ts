import { notEvaluated, type DetectionMethod, type DetectionResult } from './detection-result.ts';
import { earsC, type EarsOptions, type EarsVariant } from './ears.ts';
import type { WeeklySeries } from './weekly-series.ts';

/**
 * Which methods a series can carry depends on how much history it has (DESIGN.md §5): under 7 complete
 * weeks nothing can be judged, EARS needs about two months, Farrington needs well over a year (the
 * same weeks in earlier years). Farrington is passed in as a function so this chain does not depend on
 * its implementation.
 */

export const MIN_HISTORY_WEEKS = 7;
export const FARRINGTON_FROM_WEEKS = 78;

export type FarringtonRunner = (series: WeeklySeries) => DetectionResult[];

export interface MethodChoice {
  historyWeeks: number;
  methods: DetectionMethod[];
  /** Why nothing (or less than usual) runs; null when the full chain for this history runs. */
  reason: string | null;
}

export interface DetectionChainOptions {
  earsVariants?: readonly EarsVariant[];
  ears?: Omit<EarsOptions, 'method'>;
  farrington?: FarringtonRunner;
  /** What EARS reads as history, one value per week of the series (default the counts; see `earsC`). */
  baselineCounts?: readonly number[];
}

/** Complete weeks only: the running week is shown but is no history yet. */
export function historyWeeks(series: WeeklySeries): number {
  return series.filter((p) => !p.partial).length;
}

export function chooseMethods(weeks: number, options: DetectionChainOptions = {}): MethodChoice {
  const ears = (options.earsVariants ?? ['C1', 'C2', 'C3']).map((v) => `ears${v}` as DetectionMethod);
  if (weeks < MIN_HISTORY_WEEKS) {
    return {
      historyWeeks: weeks,
      methods: [],
      reason: `only ${weeks} complete week(s) of history; detection starts at ${MIN_HISTORY_WEEKS} weeks`,
    };
  }
  if (weeks < FARRINGTON_FROM_WEEKS) {
    return { historyWeeks: weeks, methods: ears, reason: null };
  }
  if (!options.farrington) {
    return { historyWeeks: weeks, methods: ears, reason: 'Farrington is not available in this run' };
  }
  return { historyWeeks: weeks, methods: [...ears, 'farrington'], reason: null };
}

/** Runs the chosen methods; with too little history every week comes back not evaluated, with the reason. */
export function runDetectionChain(
  series: WeeklySeries,
  options: DetectionChainOptions = {},
): {
  choice: MethodChoice;
  results: DetectionResult[];
} {
  const choice = chooseMethods(historyWeeks(series), options);
  if (choice.methods.length === 0) {
    const reason = choice.reason ?? 'no method applies';
    return { choice, results: series.map((p) => notEvaluated(p.week, 'earsC1', {}, p.count, reason)) };
  }
  const results: DetectionResult[] = [];
  for (const method of choice.methods) {
    if (method === 'farrington') results.push(...(options.farrington?.(series) ?? []));
    else results.push(...earsC(series, { ...options.ears, method: method.slice(4) as EarsVariant }, options.baselineCounts));
  }
  return { choice, results };
}
