import type { EChartsCoreOption } from './echarts-setup.ts';

/** Whether the user asked the system for less motion (false where there is no `matchMedia`, e.g. tests). */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * The option as drawn for a user who prefers reduced motion: no animation at all (WCAG 2.3.3), which also
 * makes every render final at once, so screenshots are stable.
 */
export function withMotionPreference(option: EChartsCoreOption, reduce: boolean): EChartsCoreOption {
  return reduce ? { ...option, animation: false } : option;
}
