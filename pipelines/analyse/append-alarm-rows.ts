import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { mondayOfIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmRow } from './detect-series.ts';

/**
 * Writes alarm rows through DuckDB's appender, inside the caller's open transaction. A national first run
 * writes close to two million rows; packed into one JSON parameter, DuckDB spent most of a minute
 * taking that text apart again, while the appender fills its column buffers directly.
 */

const DAY_MS = 86_400_000;
const dates = new Map<IsoWeek, DuckDBDateValue>();

function mondayDate(week: IsoWeek): DuckDBDateValue {
  let date = dates.get(week);
  if (date === undefined) {
    date = new DuckDBDateValue(Math.round(mondayOfIsoWeek(week).getTime() / DAY_MS));
    dates.set(week, date);
  }
  return date;
}

/** The stored parameters: the method's own plus the baseline window, so one column says how to rerun it. */
export function storedParams(row: Pick<AlarmRow, 'params' | 'baselineFrom' | 'baselineTo'>): string {
  if (row.baselineFrom === null || row.baselineTo === null) return row.params;
  const window = `"baselineFrom":"${row.baselineFrom}","baselineTo":"${row.baselineTo}"}`;
  return row.params === '{}' ? `{${window}` : `${row.params.slice(0, -1)},${window}`;
}

/** NaN and ±Infinity (e.g. an EARS statistic over a baseline without spread) are stored as NULL. */
function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Column types in the order of the `alarms` table. */
const TYPES = [VARCHAR, VARCHAR, DATE, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BOOLEAN, VARCHAR, VARCHAR, VARCHAR];
const CHUNK_ROWS = 2048;

/** Appends in chunks of whole columns: value-by-value appends cost several microseconds per row. */
export async function appendAlarmRows(conn: DuckDBConnection, rows: readonly AlarmRow[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await conn.createAppender('alarms');
  try {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const columns: DuckDBValue[][] = TYPES.map(() => new Array<DuckDBValue>(slice.length));
      slice.forEach((row, i) => {
        columns[0]![i] = row.wijk;
        columns[1]![i] = row.theme;
        columns[2]![i] = mondayDate(row.week);
        columns[3]![i] = row.method;
        columns[4]![i] = finite(row.observed);
        columns[5]![i] = finite(row.expected);
        columns[6]![i] = finite(row.threshold);
        columns[7]![i] = finite(row.statistic);
        columns[8]![i] = finite(row.pValue);
        columns[9]![i] = row.alarm;
        columns[10]![i] = row.level;
        columns[11]![i] = row.reason;
        columns[12]![i] = storedParams(row);
      });
      const chunk = DuckDBDataChunk.create(TYPES, slice.length);
      chunk.setColumns(columns);
      appender.appendDataChunk(chunk);
      // A national run appends for seconds; let the consumer's heartbeats through meanwhile.
      if ((start / CHUNK_ROWS) % 16 === 15) await nextTurn();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
