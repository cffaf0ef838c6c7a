import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { fillAttached, promoteSnapshot, SNAPSHOT_COPIES, writeMeta, type SnapshotWriteOptions } from './snapshot-steps.ts';

/** What changed in the live database since the base snapshot was read. */
export interface SnapshotDelta {
  /** Cube cells as `wijk|weekMonday|theme|category|sourceKind|ageBand`. */
  cells: ReadonlySet<string>;
  /** Series (`wijk|theme`) whose alarm rows were rewritten, or every series. */
  alarms: 'all' | ReadonlySet<string>;
  priorities: boolean;
}

const CELL_MATCH = `t.wijk = d.wijk AND t.week = d.week AND t.theme = d.theme AND t.category = d.category
  AND t.source_kind = d.source_kind AND t.age_band = d.age_band`;

/**
 * Writes the next snapshot as a copy of the previous one with only what changed replaced: the cube cells a
 * batch touched, the alarm rows of re-detected series, priorities and ingest counts when they changed.
 * The cost follows the change, not the size of the cube, so a national cube still publishes every second.
 * Registry tables never change within one pipeline run, so they are carried over as they are.
 */
export async function writeSnapshotDelta(
  conn: DuckDBConnection,
  opts: SnapshotWriteOptions & { baseFile: string; delta: SnapshotDelta },
): Promise<string> {
  const fileName = snapshotFileName(opts.sequence);
  const partial = join(opts.dir, `${fileName}.partial`);
  rmSync(partial, { force: true });
  copyFileSync(join(opts.dir, opts.baseFile), partial);

  // Keys live in temp tables, created (only when needed) before the transaction that writes the snapshot file.
  const cells = [...opts.delta.cells].map((key) => key.replaceAll('|', '\t'));
  if (cells.length > 0) {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE delta_cells AS
     SELECT f[1] AS wijk, f[2]::DATE AS week, f[3] AS theme, f[4] AS category, f[5] AS source_kind, f[6] AS age_band
     FROM (SELECT string_split(line, chr(9)) AS f FROM (SELECT unnest(string_split($1, chr(10))) AS line) WHERE line <> '')`,
      [cells.join('\n')],
    );
  }
  const series = opts.delta.alarms === 'all' ? [] : [...opts.delta.alarms];
  if (series.length > 0) {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE delta_series AS
       SELECT split_part(key, '|', 1) AS wijk, split_part(key, '|', 2) AS theme
       FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS key)`,
      [JSON.stringify(series)],
    );
  }

  await fillAttached(conn, partial, async () => {
    if (cells.length > 0) {
      await conn.run(`DELETE FROM snap.weekly_counts t USING delta_cells d WHERE ${CELL_MATCH}`);
      await conn.run(
        `INSERT INTO snap.weekly_counts
         SELECT t.wijk, t.week, t.theme, t.category, t.source_kind, t.age_band, t.n, t.signals, t.high
         FROM weekly_counts t JOIN delta_cells d ON ${CELL_MATCH}`,
      );
    }
    if (opts.delta.alarms === 'all') {
      await conn.run('DELETE FROM snap.alarms');
      await conn.run(`INSERT INTO snap.alarms ${SNAPSHOT_COPIES.alarms}`);
    } else if (series.length > 0) {
      await conn.run('DELETE FROM snap.alarms t USING delta_series d WHERE t.wijk = d.wijk AND t.theme = d.theme');
      await conn.run(
        'INSERT INTO snap.alarms SELECT t.* FROM alarms t JOIN delta_series d ON t.wijk = d.wijk AND t.theme = d.theme',
      );
    }
    if (opts.delta.priorities) {
      await conn.run('DELETE FROM snap.priorities');
      await conn.run(`INSERT INTO snap.priorities ${SNAPSHOT_COPIES.priorities}`);
    }
    await conn.run('DELETE FROM snap.ingest_status');
    await conn.run(`INSERT INTO snap.ingest_status ${SNAPSHOT_COPIES.ingest_status}`);
    await writeMeta(conn, opts);
  });
  promoteSnapshot(opts.dir, partial, fileName);
  return fileName;
}
