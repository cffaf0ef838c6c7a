import { BOOLEAN, DATE, DOUBLE, VARCHAR, DuckDBDataChunk, DuckDBDateValue, type DuckDBConnection } from '@duckdb/node-api';
import { mondayOfIsoWeek } from '@wijksignaal/contracts/iso-week';
import type { AlarmColumns } from './alarm-columns.ts';
import type { SeriesBatch } from './detect-batch.ts';

/**
 * Writes a batch's alarm columns through DuckDB's appender, inside the caller's open transaction, one
 * chunk of whole columns at a time (value-by-value appends cost several microseconds per row; packed
 * into one JSON parameter, DuckDB spent most of a minute taking the text apart again). Staging numeric
 * indexes in a temporary table and joining the strings back in SQL measured slower than this.
 */

const DAY_MS = 86_400_000;
/** Column types in the order of the `alarms` table. */
const TYPES = [VARCHAR, VARCHAR, DATE, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BOOLEAN, VARCHAR, VARCHAR, VARCHAR];
const CHUNK_ROWS = 2048;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Cell = string | number | boolean | DuckDBDateValue | null;

export async function appendAlarmColumns(
  conn: DuckDBConnection,
  batch: Pick<SeriesBatch, 'weeks' | 'wijk' | 'theme'>,
  columns: AlarmColumns,
): Promise<void> {
  if (columns.length === 0) return;
  const mondays = batch.weeks.map((week) => new DuckDBDateValue(Math.round(mondayOfIsoWeek(week).getTime() / DAY_MS)));
  const { strings } = columns;
  const text = (index: number) => (index < 0 ? null : (strings[index] as string));
  // NaN marks "no number" in the columns; the table says NULL.
  const number = (value: number) => (Number.isNaN(value) ? null : value);
  const cells: ((row: number) => Cell)[] = [
    (i) => batch.wijk[columns.series[i] as number] as string,
    (i) => batch.theme[columns.series[i] as number] as string,
    (i) => mondays[columns.week[i] as number] as DuckDBDateValue,
    (i) => text(columns.method[i] as number),
    (i) => number(columns.observed[i] as number),
    (i) => number(columns.expected[i] as number),
    (i) => number(columns.threshold[i] as number),
    (i) => number(columns.statistic[i] as number),
    (i) => number(columns.pValue[i] as number),
    (i) => columns.alarm[i] === 1,
    (i) => text(columns.level[i] as number),
    (i) => text(columns.reason[i] as number),
    (i) => text(columns.params[i] as number),
  ];
  const appender = await conn.createAppender('alarms');
  try {
    for (let start = 0; start < columns.length; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, columns.length - start);
      const chunk = DuckDBDataChunk.create(TYPES, rows);
      cells.forEach((cell, c) => {
        const vector = chunk.getColumnVector(c);
        for (let i = 0; i < rows; i++) vector.setItem(i, cell(start + i));
        vector.flush();
      });
      appender.appendDataChunk(chunk);
      // A full run writes a hundred thousand rows and more in one call; between chunks the pipeline's
      // thread takes the batches and snapshots waiting meanwhile (without it they stalled for seconds).
      await yieldToEventLoop();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
