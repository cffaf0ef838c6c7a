import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeliveryWeek, DeliveryWijkWeek } from '@wijksignaal/domain/quality/delivery-figures';

/**
 * Every stream's weekly delivery figures. The table has one row per partner × source kind × delivery week
 * (hundreds a year), and silence is judged on the weeks before a stream's last delivery however long ago,
 * so it is read whole.
 */
export async function readDeliveryWeeks(conn: DuckDBConnection): Promise<DeliveryWeek[]> {
  const reader = await conn.runAndReadAll(
    `SELECT partner, source_kind, week::VARCHAR AS week, accepted::DOUBLE AS accepted, rejected::DOUBLE AS rejected,
            epoch_ms(last_at)::DOUBLE AS last_at
     FROM delivery_weeks`,
  );
  return reader.getRowObjectsJS().map((r) => ({
    partner: String(r.partner),
    sourceKind: String(r.source_kind),
    week: String(r.week),
    accepted: Number(r.accepted),
    rejected: Number(r.rejected),
    lastAt: Number(r.last_at),
  }));
}

/** Which wijken the given streams delivered for, per delivery week from `fromWeek` on. */
export async function readDeliveryWijkWeeks(
  conn: DuckDBConnection,
  streams: readonly { partner: string; sourceKind: string }[],
  fromWeek: string,
): Promise<DeliveryWijkWeek[]> {
  if (streams.length === 0) return [];
  const reader = await conn.runAndReadAll(
    `SELECT DISTINCT d.partner, d.source_kind, d.wijk, d.week::VARCHAR AS week
     FROM delivery_wijk_weeks d
     SEMI JOIN (SELECT unnest(from_json($1::JSON, '[{"partner":"VARCHAR","source_kind":"VARCHAR"}]'), recursive := true)) s
       ON d.partner = s.partner AND d.source_kind = s.source_kind
     WHERE d.week >= $2::DATE`,
    [JSON.stringify(streams.map((s) => ({ partner: s.partner, source_kind: s.sourceKind }))), fromWeek],
  );
  return reader.getRowObjectsJS().map((r) => ({
    partner: String(r.partner),
    sourceKind: String(r.source_kind),
    wijk: String(r.wijk),
    week: String(r.week),
  }));
}
