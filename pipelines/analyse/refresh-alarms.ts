import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { appendAlarmRows } from './append-alarm-rows.ts';
import {
  DETECT_SERIES_DEFAULTS,
  detectSeries,
  farringtonLookback,
  type AlarmRow,
  type DetectSeriesOptions,
} from './detect-series.ts';
import { readSeriesFromCube } from './series-from-cube.ts';

export interface RefreshAlarmsOptions {
  currentWeek: IsoWeek;
  /** Detection reads the published weekly counts of this k (see series-from-cube.ts). */
  k: number;
  detect?: DetectSeriesOptions;
  themeStarts?: ReadonlyMap<string, IsoWeek>;
  /** Series handled between two yields to the event loop, so consuming goes on during a full run. */
  chunk?: number;
}

export interface RefreshAlarmsOutcome {
  series: number;
  rows: number;
  themeStarts: Map<string, IsoWeek>;
  /** Time split, for the log and the benchmark. */
  readMs: number;
  detectMs: number;
  writeMs: number;
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
  const chunk = opts.chunk ?? 250;
  const t0 = performance.now();
  const { series, themeStarts } = await readSeriesFromCube(
    conn,
    keys,
    {
      currentWeek: opts.currentWeek,
      historyWeeks: detect.keepWeeks + farringtonLookback(detect.farrington) + 1,
      themeStarts: opts.themeStarts,
    },
    opts.k,
  );
  const t1 = performance.now();
  const rows: AlarmRow[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i]!;
    for (const row of detectSeries(s.wijk, s.theme, s.series, detect)) rows.push(row);
    if ((i + 1) % chunk === 0) await nextTurn();
  }
  const t2 = performance.now();
  await replaceAlarmRows(conn, keys, rows);
  const t3 = performance.now();
  return { series: series.length, rows: rows.length, themeStarts, readMs: t1 - t0, detectMs: t2 - t1, writeMs: t3 - t2 };
}

export async function replaceAlarmRows(
  conn: DuckDBConnection,
  keys: ReadonlySet<string> | 'all',
  rows: readonly AlarmRow[],
): Promise<void> {
  if (keys !== 'all' && keys.size === 0) return;
  await conn.run('BEGIN');
  try {
    if (keys === 'all') await conn.run('DELETE FROM alarms');
    else {
      await conn.run(
        `DELETE FROM alarms USING (SELECT split_part(k, '|', 1) AS wijk, split_part(k, '|', 2) AS theme
                                   FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS k)) AS touched
         WHERE alarms.wijk = touched.wijk AND alarms.theme = touched.theme`,
        [JSON.stringify([...keys])],
      );
    }
    await appendAlarmRows(conn, rows);
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
