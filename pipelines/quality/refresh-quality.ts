import type { DuckDBConnection } from '@duckdb/node-api';
import { affectedWijken, type AffectedWijk } from '@wijksignaal/domain/quality/affected-wijken';
import { addWeeks, deliveryWeekOf } from '@wijksignaal/domain/quality/delivery-week';
import { judgeDeliveries } from '@wijksignaal/domain/quality/judge-deliveries';
import type { QualityAlarm } from '@wijksignaal/domain/quality/quality-alarm';
import type { QualitySettings } from '@wijksignaal/domain/quality/quality-settings';
import { readDeliveryWeeks, readDeliveryWijkWeeks } from './read-deliveries.ts';

export interface QualityJudgement {
  alarms: QualityAlarm[];
  wijken: AffectedWijk[];
}

/**
 * Judges the delivery figures at `now` and, when the outcome differs from what `quality_alarms` and
 * `quality_wijken` hold, replaces both in one transaction. Returns whether they changed (then the next
 * snapshot must carry them).
 */
export async function refreshQuality(
  conn: DuckDBConnection,
  now: Date,
  settings: QualitySettings,
  previous: string | null,
): Promise<{ judgement: QualityJudgement; key: string; changed: boolean }> {
  const alarms = judgeDeliveries(await readDeliveryWeeks(conn), now.getTime(), settings);
  const quiet = alarms.filter((a) => a.kind !== 'rejections_up');
  const earliest = quiet.reduce((from, a) => {
    const until = a.kind === 'silent' ? deliveryWeekOf(a.lastDeliveryAt ?? 0) : a.week;
    const start = addWeeks(until, -settings.baselineWeeks);
    return start < from ? start : from;
  }, deliveryWeekOf(now.getTime()));
  const wijken = affectedWijken(alarms, await readDeliveryWijkWeeks(conn, quiet, earliest), settings);
  const judgement = { alarms, wijken };
  const key = JSON.stringify(judgement);
  if (key === previous) return { judgement, key, changed: false };
  await conn.run('BEGIN');
  try {
    await conn.run('DELETE FROM quality_alarms');
    await conn.run('DELETE FROM quality_wijken');
    if (alarms.length > 0) {
      await conn.run(
        `INSERT INTO quality_alarms
         SELECT partner, source_kind, kind, week::DATE, usual, observed, p_value,
                CASE WHEN last_delivery_at IS NULL THEN NULL ELSE epoch_ms(last_delivery_at) END, silent_after_ms, why_nl, why_en
         FROM (SELECT unnest(from_json($1::JSON, '[{"partner":"VARCHAR","source_kind":"VARCHAR","kind":"VARCHAR","week":"VARCHAR","usual":"DOUBLE","observed":"DOUBLE","p_value":"DOUBLE","last_delivery_at":"BIGINT","silent_after_ms":"BIGINT","why_nl":"VARCHAR","why_en":"VARCHAR"}]'), recursive := true))`,
        [
          JSON.stringify(
            alarms.map((a) => ({
              partner: a.partner,
              source_kind: a.sourceKind,
              kind: a.kind,
              week: a.week,
              usual: a.usual,
              observed: a.observed,
              p_value: a.pValue,
              last_delivery_at: a.lastDeliveryAt,
              silent_after_ms: a.silentAfterMs,
              why_nl: a.why.nl,
              why_en: a.why.en,
            })),
          ),
        ],
      );
    }
    if (wijken.length > 0) {
      await conn.run(
        `INSERT INTO quality_wijken
         SELECT wijk, partner, source_kind, kind
         FROM (SELECT unnest(from_json($1::JSON, '[{"wijk":"VARCHAR","partner":"VARCHAR","source_kind":"VARCHAR","kind":"VARCHAR"}]'), recursive := true))`,
        [JSON.stringify(wijken.map((w) => ({ wijk: w.wijk, partner: w.partner, source_kind: w.sourceKind, kind: w.kind })))],
      );
    }
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { judgement, key, changed: true };
}
