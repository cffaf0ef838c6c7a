import type { DetectionMethod } from './detection-result.ts';

/**
 * The version of each detection method as the pipeline runs it. Change a method's entry whenever its code or
 * its defaults change what it computes: every alarm event records it, and a replay with another version
 * shows what the change would have raised instead.
 */
export const METHOD_VERSIONS: Readonly<Record<DetectionMethod, string>> = {
  earsC1: 'earsC1-1',
  earsC2: 'earsC2-1',
  earsC3: 'earsC3-1',
  farrington: 'farrington-noufaily-1',
  cusum: 'cusum-reset-1',
};
