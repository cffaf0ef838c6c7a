import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';

/**
 * Removes from the signal ledger every signal of a week before the retention window (`RETENTION_WEEKS`
 * before the current week): validation refuses such weeks already, so their ids can never count twice,
 * and the ledger keeps no row longer than the GGD's retention says. The weekly cube keeps its counts.
 * Returns how many signals went.
 */
export async function pruneSignals(db: DuckDBConnection, currentWeek: IsoWeek, retentionWeeks: number): Promise<number> {
  const before = mondayIsoDate(addIsoWeeks(currentWeek, -retentionWeeks));
  const reader = await db.runAndReadAll('DELETE FROM signals WHERE week < $1::DATE RETURNING 1', [before]);
  return reader.currentRowCount;
}
