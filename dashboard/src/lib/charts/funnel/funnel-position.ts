import { countBeyondLimits } from '@wijksignaal/domain/epi/poisson-count-limits';

/**
 * The funnel's control limits. The API sends each limit as a curve over a log-spaced grid of
 * denominators, for drawing only. Whether a wijk is beyond a limit is decided exactly, on its count
 * (`funnelPosition`).
 */
export interface FunnelLimit {
  level: number;
  lower: number;
  upper: number;
}

export interface FunnelCurvePoint {
  denominator: number;
  limits: FunnelLimit[];
}

export const FUNNEL_POSITIONS = ['above998', 'above95', 'within', 'below95', 'below998', 'unknown'] as const;
export type FunnelPosition = (typeof FUNNEL_POSITIONS)[number];

/** Sort key: the further above, the higher; `unknown` has none. */
export const POSITION_ORDER: Record<FunnelPosition, number | null> = {
  above998: 5,
  above95: 4,
  within: 3,
  below95: 2,
  below998: 1,
  unknown: null,
};

const INNER = 0.95;
const OUTER = 0.998;

/**
 * Where a wijk lies: its observed COUNT against the exact Poisson limits at its own expected count (the
 * region's rate × residents, or the SMR's expected). Not the figure against the drawn curve: between grid
 * points that curve is interpolated, and a rate of 0 would fall under any lower line above 0.
 */
export function funnelPosition(observed: number | null, expected: number | null): FunnelPosition {
  if (observed === null || expected === null || !(expected >= 0) || !Number.isFinite(expected)) return 'unknown';
  const outer = countBeyondLimits(observed, expected, OUTER);
  if (outer === 'above') return 'above998';
  if (outer === 'below') return 'below998';
  const inner = countBeyondLimits(observed, expected, INNER);
  if (inner === 'above') return 'above95';
  if (inner === 'below') return 'below95';
  return 'within';
}
