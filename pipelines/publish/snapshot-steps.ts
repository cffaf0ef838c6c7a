import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LATEST_POINTER, SNAPSHOT_META } from '@wijksignaal/contracts/snapshot';
import { consumedOffsetsJson } from '../store/consumed-offsets-json.ts';
import { StepTimings } from './step-timings.ts';

/**
 * How each serving table is copied from the live database. Raw signals and the raw cube never leave the
 * pipeline: counts reach a snapshot only as `published_counts` (published-counts.ts). Detection ran on
 * published weekly counts, so an alarm's observed count is one of those; a week not shown entered it as a
 * stand-in below k, which the copy withholds again (NULL).
 */
export function snapshotCopies(k: number) {
  return {
    areas: 'SELECT code, name, gemeente_code, gemeente_name, year, residents, geometry FROM areas',
    population: 'SELECT code, year, band, residents FROM population',
    alarms: `SELECT wijk, theme, week, method, CASE WHEN observed < ${k} THEN NULL ELSE observed END AS observed,
                    expected, threshold, statistic, p_value, alarm, level, reason, params FROM alarms`,
    priorities: 'SELECT * FROM priorities',
    ingest_status: 'SELECT partner, outcome, n, last_seen FROM ingest_counts',
    partners: 'SELECT id FROM partners',
    data_quality_alarms: 'SELECT * FROM quality_alarms',
    data_quality_wijken: 'SELECT * FROM quality_wijken',
    // People's actions on alarms (store/action-schema.ts): notes are about an area, and never reach an export.
    alarm_triage: 'SELECT action_id, alarm_id, status, note, by_subject, by_role, "at" FROM alarm_triage',
    subscriptions: 'SELECT subscription_id, owner, wijken, gemeenten, themes, webhook_url, updated_at FROM subscriptions',
    // Level, method and weeks only: an event carries no count.
    alarm_events: 'SELECT * FROM alarm_events',
  } as const;
}

export interface SnapshotWriteOptions {
  dir: string;
  sequence: number;
  /** Extra meta entries (consumer lag, area source); sequence, created_at and offsets are added here. */
  meta: Record<string, string>;
  now: Date;
  /** Counts from 1 to k−1 are withheld in the published table. */
  k: number;
  /** Where the write records how long each step took (logged by the publisher). */
  timings?: StepTimings;
}

/** Fills `snap.meta`, reading the consumed offsets inside the caller's transaction so they match the data. */
export async function writeMeta(conn: DuckDBConnection, opts: SnapshotWriteOptions): Promise<void> {
  const meta: Record<string, string> = {
    ...opts.meta,
    [SNAPSHOT_META.sequence]: String(opts.sequence),
    [SNAPSHOT_META.createdAt]: opts.now.toISOString(),
    [SNAPSHOT_META.offsets]: await consumedOffsetsJson(conn),
    [SNAPSHOT_META.disclosureK]: String(opts.k),
  };
  await conn.run('DELETE FROM snap.meta');
  await conn.run(
    `INSERT INTO snap.meta SELECT unnest(from_json($1::JSON, '["VARCHAR"]')), unnest(from_json($2::JSON, '["VARCHAR"]'))`,
    [JSON.stringify(Object.keys(meta)), JSON.stringify(Object.values(meta))],
  );
}

/** Runs `fill` in one transaction on the attached file, then detaches it (which checkpoints it). */
export async function fillAttached(
  conn: DuckDBConnection,
  file: string,
  fill: () => Promise<void>,
  timings = new StepTimings(),
): Promise<void> {
  await timings.time('attachMs', () => conn.run(`ATTACH '${file.replaceAll("'", "''")}' AS snap`));
  try {
    await conn.run('BEGIN');
    try {
      await timings.time('fillMs', fill);
      await timings.time('commitMs', () => conn.run('COMMIT'));
    } catch (error) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await timings.time('detachMs', () => conn.run('DETACH snap'));
  }
}

/** Gives the finished file its name and moves LATEST to it with an atomic rename. */
export function promoteSnapshot(dir: string, partial: string, fileName: string): void {
  renameSync(partial, join(dir, fileName));
  const pointerTmp = join(dir, `${LATEST_POINTER}.tmp`);
  writeFileSync(pointerTmp, `${fileName}\n`);
  renameSync(pointerTmp, join(dir, LATEST_POINTER));
}
