import type { DuckDBConnection } from '@duckdb/node-api';
import type { AffectedWijkEntry, DataQualityAlarm } from '@wijksignaal/contracts/data-quality';
import { isoWeekFromMondayDate } from '@wijksignaal/contracts/iso-week';

/** The snapshot's data-quality alarms, of one partner or of all (`partner` undefined). */
export async function dataQualityAlarms(conn: DuckDBConnection, partner: string | undefined): Promise<DataQualityAlarm[]> {
  const reader = await conn.runAndReadAll(
    `SELECT partner, source_kind, kind, week::VARCHAR AS week, usual, observed, p_value,
            epoch_ms(last_delivery_at)::DOUBLE AS last_ms, silent_after_ms::DOUBLE AS silent_ms, why_nl, why_en
     FROM data_quality_alarms WHERE $1::VARCHAR IS NULL OR partner = $1::VARCHAR
     ORDER BY partner, source_kind, kind`,
    [partner ?? null],
  );
  return reader.getRowObjectsJS().map((r) => ({
    partner: String(r.partner),
    sourceKind: r.source_kind === '' ? null : (String(r.source_kind) as DataQualityAlarm['sourceKind']),
    kind: String(r.kind) as DataQualityAlarm['kind'],
    week: isoWeekFromMondayDate(String(r.week)),
    usual: Number(r.usual),
    observed: r.observed === null ? null : Number(r.observed),
    pValue: r.p_value === null ? null : Number(r.p_value),
    lastDeliveryAt: r.last_ms === null ? null : new Date(Number(r.last_ms)).toISOString(),
    silentAfterSeconds: r.silent_ms === null ? null : Math.round(Number(r.silent_ms) / 1000),
    why: { nl: String(r.why_nl), en: String(r.why_en) },
  }));
}

/** The wijken marked because a partner's stream that usually covers them went quiet, of one partner or all. */
export async function affectedWijken(conn: DuckDBConnection, partner: string | undefined): Promise<AffectedWijkEntry[]> {
  const reader = await conn.runAndReadAll(
    `SELECT wijk, partner, source_kind, kind FROM data_quality_wijken
     WHERE $1::VARCHAR IS NULL OR partner = $1::VARCHAR ORDER BY wijk, partner, source_kind`,
    [partner ?? null],
  );
  return reader.getRowObjectsJS().map((r) => ({
    code: String(r.wijk),
    partner: String(r.partner),
    sourceKind: String(r.source_kind) as AffectedWijkEntry['sourceKind'],
    kind: String(r.kind) as AffectedWijkEntry['kind'],
  }));
}

/** Whether the snapshot's registry holds this partner id. */
export async function isRegisteredPartner(conn: DuckDBConnection, partner: string): Promise<boolean> {
  const reader = await conn.runAndReadAll('SELECT count(*)::INTEGER FROM partners WHERE id = $1', [partner]);
  return reader.getRowsJS()[0]?.[0] === 1;
}
