import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Removes the delivery figures of each stream (partner × source kind) older than `keepWeeks` before that
 * stream's newest delivery week, in one transaction: the data-quality rules never read them
 * (`deliveryWeeksRead`), so both tables stay bounded by streams × kept weeks (× wijken) instead of growing
 * with every week delivered. The streams' newest weeks come from `delivery_weeks`, pruned last.
 * Returns the rows removed from each table.
 */
export async function pruneDeliveries(db: DuckDBConnection, keepWeeks: number): Promise<{ weeks: number; wijkWeeks: number }> {
  const newest = `(SELECT partner, source_kind, max(week) - to_weeks(${Math.trunc(keepWeeks)}) AS keep_from
                   FROM delivery_weeks GROUP BY partner, source_kind)`;
  await db.run('BEGIN');
  try {
    const wijkWeeks = await db.runAndReadAll(
      `DELETE FROM delivery_wijk_weeks d USING ${newest} s
       WHERE d.partner = s.partner AND d.source_kind = s.source_kind AND d.week < s.keep_from RETURNING 1`,
    );
    const weeks = await db.runAndReadAll(
      `DELETE FROM delivery_weeks d USING ${newest} s
       WHERE d.partner = s.partner AND d.source_kind = s.source_kind AND d.week < s.keep_from RETURNING 1`,
    );
    await db.run('COMMIT');
    return { weeks: weeks.currentRowCount, wijkWeeks: wijkWeeks.currentRowCount };
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
