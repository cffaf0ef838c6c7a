import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { alarmId } from '@wijksignaal/contracts/alarm-event';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { pointLatestAt, writeSnapshot, type SnapshotContent, type WriteSnapshotOptions } from './write-snapshot.ts';

/** One row of the snapshot's `alarm_events` (contracts/snapshot.ts), as the pipeline appends them. */
export interface AlarmEventRow {
  seq: number;
  wijk: string;
  theme: string;
  kind: 'opened' | 'escalated' | 'updated' | 'closed' | 'withdrawn';
  week: IsoWeek;
  /** Default: `week`. */
  openedWeek?: IsoWeek;
  level: string;
  /** Default `farrington`, version `farrington-noufaily-1`. */
  method?: string;
  methodVersion?: string;
}

/** One row of the snapshot's `subscriptions`. */
export interface SubscriptionRow {
  id: string;
  owner: string;
  wijken?: string[];
  gemeenten?: string[];
  themes?: string[];
  webhookUrl?: string | null;
}

export interface AlarmSnapshotContent extends SnapshotContent {
  alarmEvents?: AlarmEventRow[];
  subscriptions?: SubscriptionRow[];
}

/**
 * A serving snapshot made by the pipeline's publisher (write-snapshot.ts) whose `alarm_events` and
 * `subscriptions` tables are then filled with the given rows before LATEST moves: the snapshot file is the
 * interface between the pipeline (which appends these rows) and the API and notifier (which read them).
 */
export async function writeAlarmSnapshot(
  dir: string,
  sequence: number,
  content: AlarmSnapshotContent,
  options: WriteSnapshotOptions = {},
): Promise<string> {
  const fileName = await writeSnapshot(dir, sequence, content, { ...options, publish: false });
  const instance = await DuckDBInstance.create(join(dir, fileName));
  const conn = await instance.connect();
  try {
    for (const e of content.alarmEvents ?? []) {
      await conn.run(
        `INSERT INTO alarm_events VALUES ($seq, $id, $wijk, $theme, $kind, CAST($week AS DATE), CAST($opened AS DATE),
           $level, $method, $version, '{}', '{}', TIMESTAMP '2025-03-03 06:00:00')`,
        {
          seq: e.seq,
          id: alarmId(e.wijk, e.theme as Theme, e.openedWeek ?? e.week),
          wijk: e.wijk,
          theme: e.theme,
          kind: e.kind,
          week: mondayIsoDate(e.week),
          opened: mondayIsoDate(e.openedWeek ?? e.week),
          level: e.level,
          method: e.method ?? 'farrington',
          version: e.methodVersion ?? 'farrington-noufaily-1',
        },
      );
    }
    for (const s of content.subscriptions ?? []) {
      await conn.run(
        `INSERT INTO subscriptions VALUES ($id, $owner, $wijken, $gemeenten, $themes, $url, TIMESTAMP '2025-03-01 10:00:00')`,
        {
          id: s.id,
          owner: s.owner,
          wijken: JSON.stringify(s.wijken ?? []),
          gemeenten: JSON.stringify(s.gemeenten ?? []),
          themes: JSON.stringify(s.themes ?? []),
          url: s.webhookUrl ?? null,
        },
      );
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  if (options.publish ?? true) await pointLatestAt(dir, fileName);
  return fileName;
}

/** A fresh temporary folder holding one such snapshot (LATEST pointing at it), and how to remove it. */
export async function alarmSnapshotDir(
  prefix: string,
  sequence: number,
  content: AlarmSnapshotContent,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeAlarmSnapshot(dir, sequence, content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
