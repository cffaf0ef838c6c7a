import type { TriageStatus } from '@wijksignaal/contracts/user-action';

/**
 * The marks a team lead or epidemiologist can give, in the order the select offers them: the contract's
 * `TRIAGE_STATUSES` (checked equal in triage-statuses.test.ts), kept here so the bundle does not import zod.
 */
export const TRIAGE_STATUS_ORDER = [
  'acknowledged',
  'investigating',
  'action_taken',
  'known_event',
  'false_alarm',
] as const satisfies readonly TriageStatus[];

/** The roles the API lets mark alarms (services/api/auth/role-matrix.ts `createAlarmTriage`). */
export const TRIAGE_ROLES: readonly string[] = ['team_lead', 'epidemiologist'];

/** A DOM id part from an alarm id (`WK000101.loneliness.2025-W07` → `WK000101-loneliness-2025-W07`). */
export function alarmDomId(alarmId: string): string {
  return alarmId.replace(/[^A-Za-z0-9-]/g, '-');
}
