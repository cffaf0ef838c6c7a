import type { DeliveryWijkWeek } from './delivery-figures.ts';
import { addWeeks, deliveryWeekOf } from './delivery-week.ts';
import { FEWER_SIGNALS_KINDS, type QualityAlarm, type QualityAlarmKind } from './quality-alarm.ts';
import type { QualitySettings } from './quality-settings.ts';

/** A wijk whose count may be low because a partner's stream that usually covers it fell away. */
export interface AffectedWijk {
  wijk: string;
  partner: string;
  sourceKind: string;
  kind: QualityAlarmKind;
}

/**
 * The wijken a silent or low-volume stream usually delivers for: those with deliveries in at least
 * `usualWijkWeeks` of the baseline weeks before the judged week (for silence, before the week of its last
 * delivery). Only the mark leaves, never how many signals a wijk usually gets from the partner.
 */
export function affectedWijken(
  alarms: readonly QualityAlarm[],
  wijkWeeks: readonly DeliveryWijkWeek[],
  settings: QualitySettings,
): AffectedWijk[] {
  const windows = new Map<string, { alarm: QualityAlarm; from: string; to: string }>();
  for (const alarm of alarms) {
    if (!FEWER_SIGNALS_KINDS.has(alarm.kind)) continue;
    const until = alarm.kind === 'silent' ? deliveryWeekOf(alarm.lastDeliveryAt ?? 0) : alarm.week;
    windows.set(`${alarm.partner}|${alarm.sourceKind}`, { alarm, from: addWeeks(until, -settings.baselineWeeks), to: until });
  }
  const weeksPerWijk = new Map<string, { alarm: QualityAlarm; wijk: string; weeks: Set<string> }>();
  for (const w of wijkWeeks) {
    const window = windows.get(`${w.partner}|${w.sourceKind}`);
    // The judged week itself is left out, like the baseline leaves it out (from ≤ week < to).
    if (!window || w.week < window.from || w.week >= window.to) continue;
    const key = `${w.partner}|${w.sourceKind}|${w.wijk}`;
    let entry = weeksPerWijk.get(key);
    if (!entry) weeksPerWijk.set(key, (entry = { alarm: window.alarm, wijk: w.wijk, weeks: new Set() }));
    entry.weeks.add(w.week);
  }
  return [...weeksPerWijk.values()]
    .filter((e) => e.weeks.size >= settings.usualWijkWeeks)
    .map((e) => ({ wijk: e.wijk, partner: e.alarm.partner, sourceKind: e.alarm.sourceKind, kind: e.alarm.kind }))
    .sort(
      (a, b) => a.wijk.localeCompare(b.wijk) || a.partner.localeCompare(b.partner) || a.sourceKind.localeCompare(b.sourceKind),
    );
}
