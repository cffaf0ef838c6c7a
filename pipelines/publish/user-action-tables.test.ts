import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryFile } from '../../tests/support/read-snapshot.ts';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeBatch } from '../store/write-batch.ts';
import { writeRegistry } from '../store/write-registry.ts';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { PendingChanges } from './pending-changes.ts';
import { writeSnapshotDelta } from './write-snapshot-delta.ts';
import { writeSnapshot } from './write-snapshot.ts';

const by = { subject: 'lead-1', role: 'team_lead' };
const mark = (status: 'acknowledged' | 'known_event'): UserAction => ({
  type: 'alarm.triage',
  actionId: crypto.randomUUID(),
  by,
  at: '2026-12-01T10:00:00.000Z',
  alarmId: 'WK990101.loneliness.2026-W47',
  status,
  note: 'Buurtfeest',
});

async function rows(file: string, sql: string): Promise<unknown[][]> {
  return (await queryFile(file, sql)).map((row) => Object.values(row));
}

describe('user-action tables in snapshots (real DuckDB files)', () => {
  let dir: string;
  let db: LiveDb;
  let offset = 0;
  const store = (actions: UserAction[]) =>
    writeBatch(db.writer, {
      topic: 'actions',
      partition: 0,
      nextOffset: String((offset += actions.length)),
      offsetsTable: 'action_offsets',
      fresh: [],
      cells: [],
      outcomes: new Map(),
      actions,
      at: new Date(),
    });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-actions-snap-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
    // An empty registry: the snapshot's area tables exist, and this test is about the action tables only.
    await writeRegistry(db.writer, { source: 'demo', year: 2024, areas: [] } as unknown as AreaRegistry, []);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries alarm_triage and subscriptions in full snapshots and in deltas', async () => {
    const conn = await db.instance.connect();
    const first = mark('acknowledged');
    await store([first]);
    const base = await writeSnapshot(conn, { dir, sequence: 1, meta: {}, now: new Date(), k: 5 });
    const select = 'SELECT action_id, status, by_subject, by_role, note FROM alarm_triage ORDER BY "at", action_id';
    expect(await rows(join(dir, base), select)).toEqual([[first.actionId, 'acknowledged', 'lead-1', 'team_lead', 'Buurtfeest']]);

    const second = mark('known_event');
    const subscriptionId = crypto.randomUUID();
    await store([
      second,
      {
        type: 'subscription.put',
        actionId: crypto.randomUUID(),
        by,
        at: second.at,
        subscriptionId,
        wijken: [],
        gemeenten: ['GM9901'],
        themes: [],
        webhookUrl: null,
      },
    ]);
    // Nothing counted changed: only the small tables, copied whole, are new in this delta.
    const options = { dir, sequence: 2, meta: {}, now: new Date(), k: 5 };
    const delta = await writeSnapshotDelta(conn, { ...options, baseFile: base, delta: new PendingChanges().take() });
    expect((await rows(join(dir, delta), select)).map((r) => r[1])).toEqual(
      expect.arrayContaining(['acknowledged', 'known_event']),
    );
    expect(await rows(join(dir, delta), 'SELECT subscription_id, owner, gemeenten FROM subscriptions')).toEqual([
      [subscriptionId, 'lead-1', '["GM9901"]'],
    ]);
  });
});
