import { DuckDBDateValue, type DuckDBConnection } from '@duckdb/node-api';
import type { DeliveryDelta } from '../aggregate/delivery-tally.ts';

/**
 * Adds a batch's delivery figures, inside the caller's transaction (the batch's, so they count exactly
 * once with its offsets): the weekly counts as an upsert (a batch has one or two rows there, its partner's
 * source kinds in one or two delivery weeks), the wijken it delivered for through the appender.
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
    const appender = await db.createAppender('delivery_wijk_weeks');
    try {
      const days = new Map<string, DuckDBDateValue>();
      for (const w of delta.wijken) {
        let day = days.get(w.week);
        if (!day) days.set(w.week, (day = new DuckDBDateValue(Date.parse(`${w.week}T00:00:00Z`) / 86_400_000)));
        appender.appendVarchar(w.partner);
        appender.appendVarchar(w.sourceKind);
        appender.appendVarchar(w.wijk);
        appender.appendDate(day);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
}

/**
 * Folds `delivery_wijk_weeks` back to one row per partner, source kind, wijk and week, in one transaction;
 * rows a batch appends meanwhile are not touched (they stay, at worst once more). Returns the rows left.
 */
export async function compactDeliveryWijken(db: DuckDBConnection): Promise<number> {
  await db.run('BEGIN');
  try {
    await db.run('CREATE OR REPLACE TEMP TABLE delivery_wijk_fold AS SELECT DISTINCT * FROM delivery_wijk_weeks');
    await db.run('DELETE FROM delivery_wijk_weeks');
    await db.run('INSERT INTO delivery_wijk_weeks SELECT * FROM delivery_wijk_fold');
    await db.run('DROP TABLE delivery_wijk_fold');
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return countDeliveryWijkRows(db);
}

export async function countDeliveryWijkRows(db: DuckDBConnection): Promise<number> {
  const reader = await db.runAndReadAll('SELECT count(*)::DOUBLE FROM delivery_wijk_weeks');
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}
