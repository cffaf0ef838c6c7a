import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchOf, commitBatch, openPublishTestDb, snapshotRows } from './publish-test-db.ts';
import { SnapshotPublisher } from './snapshot-publisher.ts';
import { writeSnapshot } from './write-snapshot.ts';

const PUBLISHED = 'SELECT * FROM published_counts ORDER BY ALL';
const kindsOf = (rows: unknown[][]) => new Set(rows.map((r) => r[3]));

describe('SnapshotPublisher, caught up (real DuckDB files)', () => {
  it('publishes the weeks just touched in a light snapshot first, then their 4-week period, quarter and year in a heavy one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wijksignaal-publisher-'));
    const db = await openPublishTestDb(dir);
    const snapshots = join(dir, 'snapshots');
    mkdirSync(snapshots);
    const events: Record<string, unknown>[] = [];
    const publisher = new SnapshotPublisher({
      conn: await db.instance.connect(),
      dir: snapshots,
      // Long enough that no timer fires during the test: each snapshot is asked for with flush().
      minIntervalMs: 60_000,
      keep: 10,
      k: 5,
      // Room for a 4-week period, a quarter and a year in one heavy snapshot.
      maxWeeksPerSnapshot: 104,
      meta: () => ({}),
      log: (event, fields) => events.push({ event, ...fields }),
      catchingUp: () => false,
    });
    const published = () => events.filter((e) => e.event === 'snapshot.published');
    try {
      publisher.markChanged(await commitBatch(db, batchOf(1, 40), 40));
      await publisher.flush();
      const first = join(snapshots, String(published()[0]!.file));

      publisher.markChanged(await commitBatch(db, batchOf(2, 25), 65));
      await publisher.flush();
      const light = published()[1]!;
      expect(light).toMatchObject({ full: false, light: true });
      const reference = join(dir, 'reference');
      mkdirSync(reference);
      const now = join(
        reference,
        await writeSnapshot(db.writer, { dir: reference, sequence: 1, meta: {}, now: new Date(), k: 5 }),
      );
      const lightRows = await snapshotRows(join(snapshots, String(light.file)), PUBLISHED);
      const byKind = (rows: unknown[][], kinds: string[]) => rows.filter((r) => kinds.includes(String(r[3])));
      // The weeks are current; the 4-week period, the quarter and the year are still as the first snapshot had them.
      const longer = ['fourWeeks', 'quarter', 'year'];
      expect(byKind(lightRows, ['week'])).toEqual(byKind(await snapshotRows(now, PUBLISHED), ['week']));
      expect(byKind(lightRows, longer)).toEqual(byKind(await snapshotRows(first, PUBLISHED), longer));
      expect(byKind(lightRows, longer)).not.toEqual(byKind(await snapshotRows(now, PUBLISHED), longer));
      expect(kindsOf(lightRows)).toEqual(new Set(['week', 'fourWeeks', 'quarter', 'year']));
      // Its offsets and ingest counts are those of both batches, like every snapshot's.
      expect(await snapshotRows(join(snapshots, String(light.file)), `SELECT value FROM meta WHERE key = 'offsets'`)).toEqual([
        ['{"t:0":"65"}'],
      ]);

      await publisher.flush();
      const heavy = published()[2]!;
      expect(heavy).toMatchObject({ full: false, light: false });
      expect(await snapshotRows(join(snapshots, String(heavy.file)), PUBLISHED)).toEqual(await snapshotRows(now, PUBLISHED));
    } finally {
      await publisher.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
