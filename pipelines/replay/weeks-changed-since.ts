import type { DuckDBConnection } from '@duckdb/node-api';
import { isoWeekFromMondayDate, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmEvent } from '@wijksignaal/domain/alarm-history/alarm-event-row';
import { seriesKey } from '../analyse/series-from-cube.ts';
import type { ReplayedAlarm, ReplayPeriod } from './compare-replay.ts';

/**
 * Per stored alarm, the weeks of the period whose cells received a signal at or after the offsets its
 * latest event in the period was computed from: there the cube is not what the event saw. The ledger keeps
 * a signal's partition and offset but not its topic, so a signal counts as later when its offset is at
 * least the smallest next offset any topic had on that partition: a week may be named that did not
 * change, never the other way round. Weeks whose signals left the retention window are not seen.
 */
export async function weeksChangedSince(
  conn: DuckDBConnection,
  alarms: readonly ReplayedAlarm[],
  stored: ReadonlyMap<string, readonly StoredAlarmEvent[]>,
  period: ReplayPeriod,
): Promise<Map<string, IsoWeek[]>> {
  const latest = new Map<string, StoredAlarmEvent>();
  for (const alarm of alarms) {
    for (const event of stored.get(seriesKey(alarm.wijk, alarm.theme)) ?? []) {
      if (event.alarmId === alarm.alarmId && event.week >= period.from && event.week <= period.to) latest.set(alarm.alarmId, event);
    }
  }
  const out = new Map<string, IsoWeek[]>();
  if (latest.size === 0) return out;
  const wijken = [...new Set([...latest.values()].map((e) => e.wijk))];
  const rows = (
    await conn.runAndReadAll(
      `SELECT c.wijk, c.theme, strftime(c.week, '%Y-%m-%d'), s."partition", max(s."offset")::VARCHAR
       FROM signals s
       JOIN (SELECT DISTINCT cell, wijk, theme, week FROM cube_rows
             WHERE week >= $1::DATE AND week <= $2::DATE AND list_contains(from_json($3::JSON, '["VARCHAR"]'), wijk)) c
         ON s.cell = c.cell
       GROUP BY ALL`,
      [mondayIsoDate(period.from), mondayIsoDate(period.to), JSON.stringify(wijken)],
    )
  ).getRowsJS();
  const ledger = new Map<string, { week: IsoWeek; partition: number; maxOffset: bigint }[]>();
  for (const [wijk, theme, monday, partition, maxOffset] of rows) {
    const key = seriesKey(String(wijk), String(theme));
    let list = ledger.get(key);
    if (list === undefined) ledger.set(key, (list = []));
    list.push({ week: isoWeekFromMondayDate(String(monday)), partition: Number(partition), maxOffset: BigInt(String(maxOffset)) });
  }
  for (const [alarmId, event] of latest) {
    const next = smallestNextOffsets(event.offsets);
    const weeks = new Set<IsoWeek>();
    for (const cell of ledger.get(seriesKey(event.wijk, event.theme)) ?? []) {
      const seen = next.get(cell.partition);
      if (seen === undefined || cell.maxOffset >= seen) weeks.add(cell.week);
    }
    if (weeks.size > 0) out.set(alarmId, [...weeks].sort());
  }
  return out;
}

/** Per partition the smallest next offset of any topic in an event's offsets (`{"topic:partition": "next"}`). */
function smallestNextOffsets(offsets: string): Map<number, bigint> {
  const next = new Map<number, bigint>();
  for (const [key, value] of Object.entries(JSON.parse(offsets || '{}') as Record<string, string>)) {
    const partition = Number(key.slice(key.lastIndexOf(':') + 1));
    const offset = BigInt(value);
    const seen = next.get(partition);
    if (seen === undefined || offset < seen) next.set(partition, offset);
  }
  return next;
}
