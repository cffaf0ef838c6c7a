import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { WeekVerdictOf } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import type { AlarmLevel } from '@wijksignaal/domain/priority/alarm-level';
import { pickVerdict } from '@wijksignaal/domain/priority/week-verdict';
import type { DetectionMethod } from '../detect/detection-result.ts';
import { METHOD_VERSIONS } from '../detect/method-versions.ts';

/** One method's stored result of a week, as far as the week's verdict needs it. */
export interface VerdictRow {
  week: IsoWeek;
  method: string;
  level: AlarmLevel;
  /** False for a row with a reason (the method did not evaluate the week). */
  evaluated: boolean;
  /** The stored `alarms.params` (the method's parameters and baseline weeks). */
  params: string;
}

/**
 * A week's verdict from its rows (`pickVerdict`, the rule the API shows), with the method's version: quiet
 * when no method evaluated it. The analysis stage (events) and the replay (re-run) both judge weeks by it.
 */
export function verdictOf(week: IsoWeek, rows: readonly VerdictRow[]): WeekVerdictOf {
  const pick = pickVerdict(rows, (r) => r.evaluated) ?? rows[0];
  if (pick === undefined) return { week, level: 'none', method: 'none', methodVersion: 'none', settings: '{}' };
  return {
    week,
    level: pick.evaluated ? pick.level : 'none',
    method: pick.method,
    methodVersion: METHOD_VERSIONS[pick.method as DetectionMethod] ?? pick.method,
    settings: pick.params,
  };
}
