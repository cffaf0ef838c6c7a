import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { deleteStagedPeriods, publishedCountsSelect, stagePublishedPeriods, type PublishedPeriod } from './published-counts.ts';
import { fillAttached, promoteSnapshot, snapshotCopies, writeMeta, type SnapshotWriteOptions } from './snapshot-steps.ts';
import { StepTimings } from './step-timings.ts';

/** What changed in the live database since the base snapshot was read. */
export interface SnapshotDelta {
  /** The published periods whose cells committed batches changed (`periodsTouched`). */
  periods: readonly PublishedPeriod[];
  /** Series (`wijk|theme`) whose alarm rows were rewritten, or every series. */
  alarms: 'all' | ReadonlySet<string>;
  /** Besides: every series of one part of the wijken (`alarmPartSql`), a share of a full detection run's rows. */
  alarmPart?: AlarmPart;
  priorities: boolean;
}

/** Part `part` of `parts`: the wijken whose hash leaves that remainder. */
export interface AlarmPart {
  part: number;
  parts: number;
}

function alarmPartSql(column: string, p: AlarmPart): string {
  return `hash(${column}) % ${p.parts} = ${p.part}`;
}

/**
 * Writes the next snapshot as a copy of the previous one with only what changed replaced: the published
 * cells of every period that contains a week a batch touched, the alarm rows of re-detected series, the alarm events appended since, priorities and ingest counts when they changed.
 * The cost follows the change, not the size of the cube, so a national cube still publishes every second.
 * Registry tables never change within one pipeline run, so they are carried over as they are.
 */
export async function writeSnapshotDelta(
  conn: DuckDBConnection,
  opts: SnapshotWriteOptions & { baseFile: string; delta: SnapshotDelta },
): Promise<string> {
  const fileName = snapshotFileName(opts.sequence);
  const partial = join(opts.dir, `${fileName}.partial`);
  const timings = opts.timings ?? new StepTimings();
  rmSync(partial, { force: true });
  await timings.time('copyMs', () => copyFileSync(join(opts.dir, opts.baseFile), partial));

  // Keys live in temp tables, created (only when needed) before the transaction that writes the snapshot file.
  const periods = opts.delta.periods;
  const weeks = periods.length > 0 ? await timings.time('stageMs', () => stagePublishedPeriods(conn, periods)) : [];
  const series = opts.delta.alarms === 'all' ? [] : [...opts.delta.alarms];
  if (series.length > 0) {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE delta_series AS
       SELECT split_part(key, '|', 1) AS wijk, split_part(key, '|', 2) AS theme
       FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS key)`,
      [JSON.stringify(series)],
    );
  }

  await fillAttached(
    conn,
    partial,
    async () => {
      if (periods.length > 0)
        await timings.time('countsMs', () =>
          conn.run(
            `${deleteStagedPeriods('snap.published_counts')};\nINSERT INTO snap.published_counts ${publishedCountsSelect(opts.k, weeks)}`,
          ),
        );
      const copies = snapshotCopies(opts.k);
      await timings.time('alarmsMs', () => patchAlarms(conn, opts.delta, series.length > 0, copies));
      // Events are only ever appended: the base file has every event up to its highest seq.
      await timings.time('tablesMs', async () => {
        // Small tables, copied whole every time. One call for all eleven statements: each call is a round trip
        // through the event loop and DuckDB's queue, which on a loaded box cost more than these tiny copies.
        await conn.run(
          [
            `INSERT INTO snap.alarm_events SELECT e.* FROM (${copies.alarm_events}) e
             WHERE e.seq > (SELECT coalesce(max(seq), 0) FROM snap.alarm_events)`,
            ...SMALL_TABLES.flatMap((table) => [`DELETE FROM snap.${table}`, `INSERT INTO snap.${table} ${copies[table]}`]),
          ].join(';\n'),
        );
        await writeMeta(conn, opts);
      });
    },
    timings,
  );
  await timings.time('promoteMs', () => promoteSnapshot(opts.dir, partial, fileName));
  return fileName;
}

const SMALL_TABLES = ['ingest_status', 'data_quality_alarms', 'data_quality_wijken', 'alarm_triage', 'subscriptions'] as const;

/** The alarm rows of a full run, of one part of the wijken and of re-detected series; priorities when re-ranked. */
async function patchAlarms(
  conn: DuckDBConnection,
  delta: SnapshotDelta,
  hasSeries: boolean,
  copies: ReturnType<typeof snapshotCopies>,
): Promise<void> {
  if (delta.alarms === 'all') {
    await conn.run('DELETE FROM snap.alarms');
    await conn.run(`INSERT INTO snap.alarms ${copies.alarms}`);
  } else {
    const part = delta.alarmPart;
    if (part) {
      await conn.run(`DELETE FROM snap.alarms WHERE ${alarmPartSql('wijk', part)}`);
      await conn.run(`INSERT INTO snap.alarms SELECT t.* FROM (${copies.alarms}) t WHERE ${alarmPartSql('t.wijk', part)}`);
    }
    if (hasSeries) {
      // Series of the part just rewritten are in already.
      const outsidePart = part ? ` AND NOT (${alarmPartSql('t.wijk', part)})` : '';
      await conn.run(`DELETE FROM snap.alarms t USING delta_series d WHERE t.wijk = d.wijk AND t.theme = d.theme${outsidePart}`);
      await conn.run(
        `INSERT INTO snap.alarms SELECT t.* FROM (${copies.alarms}) t SEMI JOIN delta_series d ON t.wijk = d.wijk AND t.theme = d.theme
         WHERE true${outsidePart}`,
      );
    }
  }
  if (delta.priorities) {
    await conn.run('DELETE FROM snap.priorities');
    await conn.run(`INSERT INTO snap.priorities ${copies.priorities}`);
  }
}
