/**
 * Where a wijk lies relative to the funnel's control limits. The API sends each limit as a curve over a
 * log-spaced grid of denominators; between two grid points the limit is interpolated linearly in
 * log(denominator), which follows the curve closely at the grid's density (60 points).
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

function limitOf(point: FunnelCurvePoint, level: number): FunnelLimit | undefined {
  return point.limits.find((l) => Math.abs(l.level - level) < 1e-9);
}

/** The limits at one level for a denominator; null outside the curve's range or without that level. */
export function limitsAt(curve: readonly FunnelCurvePoint[], denominator: number, level: number): FunnelLimit | null {
  if (curve.length === 0 || !(denominator > 0)) return null;
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  // A hair outside the range is the same wijk the range was built from (rounding of the endpoints).
  const tolerance = 1e-9 * Math.max(1, last.denominator);
  if (denominator < first.denominator - tolerance || denominator > last.denominator + tolerance) return null;
  let upperIndex = curve.findIndex((p) => p.denominator >= denominator);
  if (upperIndex === -1) upperIndex = curve.length - 1;
  const b = curve[upperIndex]!;
  const a = curve[Math.max(0, upperIndex - 1)]!;
  const la = limitOf(a, level);
  const lb = limitOf(b, level);
  if (!la || !lb) return null;
  if (a === b || b.denominator === a.denominator) return { level, lower: lb.lower, upper: lb.upper };
  const f = (Math.log(denominator) - Math.log(a.denominator)) / (Math.log(b.denominator) - Math.log(a.denominator));
  const clamped = Math.min(1, Math.max(0, f));
  return {
    level,
    lower: la.lower + clamped * (lb.lower - la.lower),
    upper: la.upper + clamped * (lb.upper - la.upper),
  };
}

export function funnelPosition(
  value: number | null,
  denominator: number | null,
  curve: readonly FunnelCurvePoint[],
): FunnelPosition {
  if (value === null || denominator === null) return 'unknown';
  const inner = limitsAt(curve, denominator, INNER);
  const outer = limitsAt(curve, denominator, OUTER);
  if (!inner || !outer) return 'unknown';
  if (value > outer.upper) return 'above998';
  if (value > inner.upper) return 'above95';
  if (value < outer.lower) return 'below998';
  if (value < inner.lower) return 'below95';
  return 'within';
}
