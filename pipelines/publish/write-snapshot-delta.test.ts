import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { RECORD_KEY_SPACE, publishedCount } from '@wijksignaal/domain/published/perturbation';
import type { LiveDb } from '../store/live-db.ts';
import { PendingChanges } from './pending-changes.ts';
import { batchOf, commitBatch, openPublishTestDb, snapshotRows } from './publish-test-db.ts';
import { writeSnapshotDelta } from './write-snapshot-delta.ts';
import { writeSnapshot } from './write-snapshot.ts';

const rows = snapshotRows;

describe('incremental snapshots (real DuckDB files)', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-delta-'));
    db = await openPublishTestDb(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a copy patched with the changed cells equals a full snapshot of the same state', async () => {
    const conn = await db.instance.connect();
    const pending = new PendingChanges();
    let next = 0;
    const commit = async (signals: AcceptedSignal[]) => {
      next += signals.length;
      pending.addCells(await commitBatch(db, signals, next));
    };
    const first = batchOf(1, 40);
    const second = batchOf(2, 25);
    const event = (seq: number, kind: string, monday: string) =>
      `INSERT INTO alarm_events VALUES (${seq}, 'WK990102.escalation.2026-W10', 'WK990102', 'escalation', '${kind}', '${monday}',
       '2026-03-02', 'red', 'earsC1', 'earsC1-1', '{}', '{"t:0":"40"}', '2026-03-10 10:00:00')`;
    await commit(first);
    await db.writer.run(event(1, 'opened', '2026-03-02'));
    const base = await writeSnapshot(conn, { dir, sequence: 1, meta: {}, now: new Date(), k: 5 });
    pending.take();

    await commit(second); // changes existing cells and adds new ones
    await db.writer.run(
      `INSERT INTO alarms VALUES ('WK990102', 'escalation', '2026-03-09', 'earsC1', 9, 2, 5, 3, 0.001, true, 'red', NULL, '{}')`,
    );
    await db.writer.run(event(2, 'updated', '2026-03-09'));
    pending.addAnalysis({ alarms: new Set(['WK990102|escalation']), priorities: false });
    const patched = await writeSnapshotDelta(conn, {
      dir,
      sequence: 2,
      meta: {},
      now: new Date(),
      k: 5,
      baseFile: base,
      delta: pending.take(),
    });
    const full = await writeSnapshot(conn, { dir, sequence: 3, meta: {}, now: new Date(), k: 5 });

    const published = 'SELECT * FROM published_counts ORDER BY ALL';
    const patchedCells = await rows(join(dir, patched), published);
    expect(patchedCells).toEqual(await rows(join(dir, full), published));
    // The region's count of the quarter holds every signal, perturbed by the key of all of them.
    const all = [...first, ...second];
    const [[regionCount]] = (await rows(
      join(dir, patched),
      `SELECT count FROM published_counts WHERE level = 'region' AND period_kind = 'quarter' AND dimension = 'total'`,
    )) as [[number]];
    expect(regionCount).toBe(
      publishedCount(
        all.reduce((s, a) => s + a.signal.count, 0),
        all.reduce((s, a) => (s + db.recordKey(a.signal.id)) % RECORD_KEY_SPACE, 0),
        5,
      ),
    );
    expect(await rows(join(dir, patched), 'SELECT wijk, level FROM alarms')).toEqual([['WK990102', 'red']]);
    // Events: the base's first one, and only the one appended since (not a second copy of the first).
    const events = 'SELECT * FROM alarm_events ORDER BY seq';
    expect(await rows(join(dir, patched), events)).toEqual(await rows(join(dir, full), events));
    expect((await rows(join(dir, patched), events)).map((r) => r[4])).toEqual(['opened', 'updated']);
    expect(await rows(join(dir, patched), `SELECT value FROM meta WHERE key = 'offsets'`)).toEqual([['{"t:0":"65"}']]);
    conn.closeSync();
  });

  it("a full detection run's alarm rows, published a part of the wijken at a time, end as a full copy", async () => {
    const conn = await db.instance.connect();
    const pending = new PendingChanges();
    let sequence = 1;
    let base = await writeSnapshot(conn, { dir, sequence, meta: {}, now: new Date(), k: 5 });
    for (let w = 0; w < 40; w++)
      await db.writer.run(
        `INSERT INTO alarms VALUES ('WK99${String(w).padStart(4, '0')}', 'escalation', '2026-03-09', 'earsC1', 9, 2, 5, 3, 0.001, true, 'red', NULL, '{}')`,
      );
    pending.addAnalysis({ alarms: 'all', priorities: false });
    // One series re-detected meanwhile, alongside the parts: its rows must be there once.
    await db.writer.run(`UPDATE alarms SET level = 'amber' WHERE wijk = 'WK990007'`);
    pending.addAnalysis({ alarms: new Set(['WK990007|escalation']), priorities: false });
    const seen: number[] = [];
    while (pending.hasAnalysis()) {
      const delta = pending.take(520);
      if (delta.alarmPart) seen.push(delta.alarmPart.part);
      base = await writeSnapshotDelta(conn, {
        dir,
        sequence: ++sequence,
        meta: {},
        now: new Date(),
        k: 5,
        baseFile: base,
        delta,
      });
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const full = await writeSnapshot(conn, { dir, sequence: ++sequence, meta: {}, now: new Date(), k: 5 });
    const alarms = 'SELECT * FROM alarms ORDER BY ALL';
    expect(await rows(join(dir, base), alarms)).toEqual(await rows(join(dir, full), alarms));
    expect(await rows(join(dir, base), alarms)).toHaveLength(40);
    conn.closeSync();
  });
});
