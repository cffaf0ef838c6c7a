import type { QualitySettings } from './quality-settings.ts';
import { addWeeks, weeksBetween } from './delivery-week.ts';

/** What a stream usually delivers, learned from the complete weeks before the judged one. */
export interface UsualDelivery {
  /** Median weekly count over the baseline weeks (weeks without deliveries count as 0). */
  weekly: number;
  /** Variance over mean of the baseline weeks, at least 1: a stream more irregular than Poisson gets a wider test. */
  dispersion: number;
  /** The baseline weeks' counts, oldest first. */
  baseline: number[];
}

/**
 * The usual weekly figure of one stream for judging `judgedWeek`: the baseline is the `baselineWeeks`
 * complete weeks before it, from the stream's first delivery on; null while fewer than `minHistoryWeeks`
 * of them exist, or when the stream usually delivers nothing. The median, not the mean, so one bulk
 * re-delivery or one holiday week does not move what counts as usual.
 */
export function usualDelivery(
  perWeek: ReadonlyMap<string, number>,
  firstWeek: string,
  judgedWeek: string,
  settings: QualitySettings,
): UsualDelivery | null {
  const span = Math.min(settings.baselineWeeks, weeksBetween(firstWeek, judgedWeek));
  if (span < settings.minHistoryWeeks) return null;
  const baseline: number[] = [];
  for (let i = span; i >= 1; i--) baseline.push(perWeek.get(addWeeks(judgedWeek, -i)) ?? 0);
  const weekly = median(baseline);
  if (weekly <= 0) return null;
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const variance = baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, baseline.length - 1);
  return { weekly, dispersion: Math.max(1, variance / mean), baseline };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
