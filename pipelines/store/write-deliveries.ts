import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeliveryDelta } from '../aggregate/delivery-tally.ts';

/**
 * Adds a batch's delivery figures, inside the caller's transaction (the batch's, so they count exactly
 * once with its offsets). A batch touches few rows here (its partner's source kinds and wijken in one or
 * two delivery weeks), so an upsert on the key is cheap.
 */
export async function writeDeliveries(db: DuckDBConnection, delta: DeliveryDelta): Promise<void> {
  if (delta.weeks.length > 0) {
    await db.run(
      `INSERT INTO delivery_weeks
       SELECT partner, source_kind, week::DATE, accepted, rejected, epoch_ms(last_at)
       FROM (SELECT unnest(from_json($1::JSON, '[{"partner":"VARCHAR","source_kind":"VARCHAR","week":"VARCHAR","accepted":"BIGINT","rejected":"BIGINT","last_at":"BIGINT"}]'), recursive := true))
       ON CONFLICT DO UPDATE SET accepted = accepted + excluded.accepted, rejected = rejected + excluded.rejected,
         last_at = greatest(last_at, excluded.last_at)`,
      [
        JSON.stringify(
          delta.weeks.map((w) => ({
            partner: w.partner,
            source_kind: w.sourceKind,
            week: w.week,
            accepted: w.accepted,
            rejected: w.rejected,
            last_at: w.lastAt,
          })),
        ),
      ],
    );
  }
  if (delta.wijken.length > 0) {
    await db.run(
      `INSERT INTO delivery_wijk_weeks
       SELECT partner, source_kind, wijk, week::DATE, n
       FROM (SELECT unnest(from_json($1::JSON, '[{"partner":"VARCHAR","source_kind":"VARCHAR","wijk":"VARCHAR","week":"VARCHAR","n":"BIGINT"}]'), recursive := true))
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      [
        JSON.stringify(
          delta.wijken.map((w) => ({ partner: w.partner, source_kind: w.sourceKind, wijk: w.wijk, week: w.week, n: w.n })),
        ),
      ],
    );
  }
}
