import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import type { Cell } from '../format/cell.ts';

/**
 * How a theme's contribution to the priority score splits into its three weighted parts, for the list to
 * show "niveau + trend + alarm = bijdrage". The API publishes the three unweighted parts (`parts`: level,
 * trend, alarms; domain/priority/priority-score.ts) and the total; each shown part is its weight times
 * the published part. An answer without `parts` (an older API) gets them derived from the inputs as the
 * pipeline scores: level = weight × ln(lower SMR bound) when that bound is above 1, alarm = weight × 2
 * (red) or 1 (amber), and trend the rest of the total, so the three add up to the contribution.
 */
export interface ScoreWeights {
  smr: number;
  trend: number;
  alarms: number;
}

export interface ScoreComponent {
  smrLower: Cell | null;
  alarmLevel: AlarmLevel;
  contribution: Cell;
  /** Unweighted parts, when the API sends them. */
  parts?: { level: Cell; trend: Cell; alarms: Cell } | null;
}

export interface ScoreParts {
  smr: number;
  trend: number;
  alarms: number;
  total: number;
}

const ALARM_POINTS = { none: 0, amber: 1, red: 2 } as const;

/** Null when the contribution is withheld (a small count moved it): then no part may be shown either. */
export function scoreParts(component: ScoreComponent, weights: ScoreWeights): ScoreParts | null {
  const total = component.contribution;
  if (typeof total !== 'number') return null;
  const published = component.parts;
  if (published) {
    const { level, trend, alarms } = published;
    if (typeof level !== 'number' || typeof trend !== 'number' || typeof alarms !== 'number') return null;
    return { smr: weights.smr * level, trend: weights.trend * trend, alarms: weights.alarms * alarms, total };
  }
  const lower = typeof component.smrLower === 'number' ? component.smrLower : null;
  const smr = lower !== null && lower > 1 ? weights.smr * Math.log(lower) : 0;
  const alarms = weights.alarms * ALARM_POINTS[component.alarmLevel];
  // The rest is the trend; rounding in the published numbers may leave a hair below zero.
  const trend = Math.max(0, total - smr - alarms);
  return { smr, trend, alarms, total };
}
