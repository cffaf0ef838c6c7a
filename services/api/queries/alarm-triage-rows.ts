import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmTriageState, TriageEntry } from '@wijksignaal/contracts/alarm-triage-http';

/** Every triage mark of one alarm in the snapshot, oldest first (ties in time by action id). */
export async function alarmTriageRows(conn: DuckDBConnection, alarmId: string): Promise<TriageEntry[]> {
  const reader = await conn.runAndReadAll(
    `SELECT action_id, status, note, by_subject, by_role, strftime("at", '%Y-%m-%dT%H:%M:%S.%gZ') AS at_iso
     FROM alarm_triage WHERE alarm_id = $1 ORDER BY "at", action_id`,
    [alarmId],
  );
  return reader.getRowObjectsJS().map((row) => ({
    actionId: String(row.action_id),
    status: String(row.status) as TriageEntry['status'],
    note: row.note === null ? null : String(row.note),
    by: { subject: String(row.by_subject), role: String(row.by_role) },
    at: String(row.at_iso),
  }));
}

/** The newest mark of each of the given alarms that has one: status, who and when (no note). */
export async function currentTriage(conn: DuckDBConnection, alarmIds: readonly string[]): Promise<Map<string, AlarmTriageState>> {
  if (alarmIds.length === 0) return new Map();
  const reader = await conn.runAndReadAll(
    `SELECT alarm_id, arg_max(status, ("at", action_id)) AS status, arg_max(by_subject, ("at", action_id)) AS by_subject,
            arg_max(by_role, ("at", action_id)) AS by_role, strftime(max("at"), '%Y-%m-%dT%H:%M:%S.%gZ') AS at_iso
     FROM alarm_triage WHERE alarm_id IN (SELECT unnest(from_json($1::JSON, '["VARCHAR"]'))) GROUP BY alarm_id`,
    [JSON.stringify([...new Set(alarmIds)])],
  );
  return new Map(
    reader.getRowObjectsJS().map((row) => [
      String(row.alarm_id),
      {
        status: String(row.status) as AlarmTriageState['status'],
        by: { subject: String(row.by_subject), role: String(row.by_role) },
        at: String(row.at_iso),
      },
    ]),
  );
}
