import { DEFAULT_LEVEL, twoSidedZ } from './confidence-level.ts';

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; Newcombe & Altman 2000), the interval the
 * Fingertips methods use for percentages: it stays inside [0, 1] and behaves at 0 and n.
 */
export interface ProportionWithInterval {
  proportion: number;
  lower: number;
  upper: number;
}

export function wilsonInterval(successes: number, trials: number, level = DEFAULT_LEVEL): ProportionWithInterval {
  if (!(trials > 0) || !Number.isFinite(trials)) throw new RangeError(`the denominator must be > 0, got ${trials}`);
  if (!(successes >= 0) || successes > trials) {
    throw new RangeError(`the numerator must lie between 0 and the denominator ${trials}, got ${successes}`);
  }
  const z = twoSidedZ(level);
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * successes * (1 - successes / trials));
  const denominator = 2 * (trials + z2);
  return {
    proportion: successes / trials,
    lower: (2 * successes + z2 - spread) / denominator,
    upper: (2 * successes + z2 + spread) / denominator,
  };
}
