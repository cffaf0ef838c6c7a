import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { appendAlarmColumns } from './append-alarm-columns.ts';
import type { SeriesBatch } from './detect-batch.ts';
import { DETECT_SERIES_DEFAULTS, farringtonLookback, type DetectSeriesOptions } from './detect-series.ts';
import type { DetectionPool } from './detection-pool.ts';
import { readDenseSeries, seriesStarts, windowWeeks, type DenseSeriesRow } from './series-from-cube.ts';

export interface RefreshAlarmsOptions {
  currentWeek: IsoWeek;
  /** Detection reads the published weekly counts of this k (see series-from-cube.ts). */
  k: number;
  detect?: DetectSeriesOptions;
  themeStarts?: ReadonlyMap<string, IsoWeek>;
  /** The worker threads that detect. */
  pool: DetectionPool;
}

export interface RefreshAlarmsOutcome {
  series: number;
  rows: number;
  themeStarts: Map<string, IsoWeek>;
  /**
   * Time split, for the log and the benchmark. Detection and writing overlap (the workers detect the next
   * batches while the connection writes the finished ones): `detectMs` runs until the last batch came
   * back, `writeMs` is the time the connection spent writing, the replaced rows' delete included.
   */
  readMs: number;
  detectMs: number;
  writeMs: number;
}

/** Series per batch at most: small enough that writing starts early, large enough to be cheap to send. */
const BATCH_SERIES = 400;

function toBatches(
  rows: readonly DenseSeriesRow[],
  startIndex: ReadonlyMap<string, number>,
  weeks: IsoWeek[],
  workers: number,
): SeriesBatch[] {
  const size = Math.max(1, Math.min(BATCH_SERIES, Math.ceil(rows.length / workers)));
  const batches: SeriesBatch[] = [];
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size);
    const counts = new Float64Array(slice.length * weeks.length);
    slice.forEach((row, i) => counts.set(row.counts, i * weeks.length));
    batches.push({
      weeks,
      wijk: slice.map((r) => r.wijk),
      theme: slice.map((r) => r.theme),
      from: Int32Array.from(slice, (r) => startIndex.get(r.theme) ?? r.first),
      counts,
    });
  }
  return batches;
}

/**
 * Recomputes the alarms of exactly the given series ('all' for every series in the cube) and replaces
 * their rows in one transaction, so a snapshot never shows a series half old, half new.
 */
export async function refreshAlarms(
  conn: DuckDBConnection,
  keys: ReadonlySet<string> | 'all',
  opts: RefreshAlarmsOptions,
): Promise<RefreshAlarmsOutcome> {
  const detect = opts.detect ?? DETECT_SERIES_DEFAULTS;
  const pool = opts.pool;
  const t0 = performance.now();
  const window = {
    currentWeek: opts.currentWeek,
    historyWeeks: detect.keepWeeks + farringtonLookback(detect.farrington) + 1,
    themeStarts: opts.themeStarts,
  };
  const dense = await readDenseSeries(conn, keys, window, opts.k);
  const { startIndex, themeStarts } = seriesStarts(dense, window);
  const t1 = performance.now();
  const outcome = { series: dense.length, rows: 0, themeStarts, readMs: t1 - t0, detectMs: 0, writeMs: 0 };
  if (keys !== 'all' && keys.size === 0) return outcome;

  const batches = toBatches(dense, startIndex, windowWeeks(window), pool.size);
  const detected = batches.map((batch) => pool.detect(batch, detect));
  // Awaited one by one below; a failure is thrown there, the others must not go unhandled meanwhile.
  for (const result of detected) result.catch(() => undefined);
  const timed = async (write: () => Promise<unknown>) => {
    const start = performance.now();
    await write();
    outcome.writeMs += performance.now() - start;
  };
  await timed(() => conn.run('BEGIN'));
  try {
    await timed(() => deleteAlarmRows(conn, keys));
    for (const [i, result] of detected.entries()) {
      const columns = await result;
      outcome.detectMs = performance.now() - t1;
      outcome.rows += columns.length;
      await timed(() => appendAlarmColumns(conn, batches[i] as SeriesBatch, columns));
    }
    await timed(() => conn.run('COMMIT'));
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return outcome;
}

async function deleteAlarmRows(conn: DuckDBConnection, keys: ReadonlySet<string> | 'all'): Promise<void> {
  if (keys === 'all') {
    await conn.run('DELETE FROM alarms');
    return;
  }
  await conn.run(
    `DELETE FROM alarms USING (SELECT split_part(k, '|', 1) AS wijk, split_part(k, '|', 2) AS theme
                               FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS k)) AS touched
     WHERE alarms.wijk = touched.wijk AND alarms.theme = touched.theme`,
    [JSON.stringify([...keys])],
  );
}
