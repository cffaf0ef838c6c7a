import { FARRINGTON_FROM_WEEKS, MIN_HISTORY_WEEKS, methodsForHistory } from '@wijksignaal/domain/detection/method-choice';
import { notEvaluated, type DetectionMethod, type DetectionResult } from './detection-result.ts';
import { earsC, type EarsOptions, type EarsVariant } from './ears.ts';
import { liveCusum } from './live-cusum.ts';
import type { WeeklySeries } from './weekly-series.ts';

/**
 * Which methods a series can carry depends on how much history it has (DESIGN.md §5,
 * `domain/detection/method-choice.ts`, which also says why in Dutch and English): under 7 complete weeks
 * nothing can be judged; from 7 weeks EARS C1/C2/C3 and CUSUM (a complement that catches small sustained
 * shifts EARS's short baseline follows); from 78 weeks Farrington as well (the same weeks in earlier
 * years). Farrington is passed in as a function so this chain does not depend on its implementation;
 * CUSUM may be too, so a caller can hand it the longer tail it reads.
 */

export { FARRINGTON_FROM_WEEKS, MIN_HISTORY_WEEKS };

export type MethodRunner = (series: WeeklySeries) => DetectionResult[];
export type FarringtonRunner = MethodRunner;

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
  /** CUSUM's runner (default `liveCusum` on the series given); false leaves CUSUM out of the chain. */
  cusum?: MethodRunner | false;
  /** What EARS reads as history, one value per week (default the counts; see `earsC`); the runners take their own. */
  baselineCounts?: readonly number[];
}

/** Complete weeks only: the running week is shown but is no history yet. */
export function historyWeeks(series: WeeklySeries): number {
  return series.filter((p) => !p.partial).length;
}

export function chooseMethods(weeks: number, options: DetectionChainOptions = {}): MethodChoice {
  const variants = new Set((options.earsVariants ?? ['C1', 'C2', 'C3']).map((v) => `ears${v}`));
  const methods = methodsForHistory(weeks, options.farrington !== undefined).filter(
    (m) => (m.startsWith('ears') ? variants.has(m) : m !== 'cusum' || options.cusum !== false),
  );
  if (weeks < MIN_HISTORY_WEEKS) {
    return {
      historyWeeks: weeks,
      methods,
      reason: `only ${weeks} complete week(s) of history; detection starts at ${MIN_HISTORY_WEEKS} weeks`,
    };
  }
  if (weeks >= FARRINGTON_FROM_WEEKS && !options.farrington) {
    return { historyWeeks: weeks, methods, reason: 'Farrington is not available in this run' };
  }
  return { historyWeeks: weeks, methods, reason: null };
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
    else if (method === 'cusum') results.push(...(options.cusum ? options.cusum(series) : liveCusum(series)));
    else results.push(...earsC(series, { ...options.ears, method: method.slice(4) as EarsVariant }, options.baselineCounts));
  }
  return { choice, results };
}
