import type { DuckDBConnection } from '@duckdb/node-api';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { CELL_KEY_BITS, CELL_KEY_EPOCH, weekNumber } from '../aggregate/cell-key.ts';

const b = CELL_KEY_BITS;
/** The week field's place in a cell key: the bits below it are theme, category, source kind and age band. */
const WEEK_UNIT = 2 ** (b.theme + b.category + b.sourceKind + b.ageBand);

/**
 * Removes from the signal ledger every signal of a week before the retention window (`RETENTION_WEEKS`
 * before the current week): validation refuses such weeks already, so their ids can never count twice,
 * and the ledger keeps no row longer than the GGD's retention says. The weekly cube keeps its counts.
 * The ledger holds each signal's cell key, whose week field is compared. Returns how many signals went.
 */
export async function pruneSignals(db: DuckDBConnection, currentWeek: IsoWeek, retentionWeeks: number): Promise<number> {
  const before = mondayIsoDate(addIsoWeeks(currentWeek, -retentionWeeks));
  if (before <= CELL_KEY_EPOCH) return 0; // no key holds a week before its epoch
  const reader = await db.runAndReadAll(`DELETE FROM signals WHERE (cell // ${WEEK_UNIT}) % ${2 ** b.week} < $1 RETURNING 1`, [
    weekNumber(before),
  ]);
  return reader.currentRowCount;
}
