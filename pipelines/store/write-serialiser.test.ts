import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { readStoredOffsets } from './read-state.ts';
import type { BatchWrite } from './write-batch.ts';
import { createWriteSerialiser, type WriteSerialiser } from './write-serialiser.ts';

const TOPIC = 'signals.partner.demo-partner';

/** A batch that moves partition `partition` to `nextOffset` and counts one accepted message. */
const batchOf = (partition: number, nextOffset: number): BatchWrite => ({
  topic: TOPIC,
  partition,
  nextOffset: String(nextOffset),
  fresh: [],
  cells: [],
  outcomes: new Map([['demo-partner|accepted', { partner: 'demo-partner', outcome: 'accepted', n: 1 }]]),
  at: new Date('2026-11-30T10:00:00Z'),
});

/**
 * Queues a batch that holds the writer until `release`, so the batches queued after it wait together,
 * whether the start-up prune is still running or not. It moves another topic's offsets and counts nothing,
 * so whether it shares their transaction does not show in what the tests read.
 */
function holdWriter(writer: WriteSerialiser): { release: () => void; held: Promise<unknown> } {
  let release!: () => void;
  const gate = new Promise<void>((open) => (release = open));
  const held = writer
    .commit(async () => {
      await gate;
      return { ...batchOf(0, 1), topic: 'signals.partner.other-partner', outcomes: new Map() };
    })
    .catch(() => undefined);
  return { release, held };
}

const offsetsOn = async (conn: DuckDBConnection) =>
  Object.fromEntries((await readStoredOffsets(conn, [TOPIC])).get(TOPIC) ?? new Map());

describe('the write queue on a real DuckDB file', () => {
  let dir: string;
  let db: LiveDb;
  let writer: WriteSerialiser;
  let reader: DuckDBConnection;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-write-queue-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
    reader = await db.instance.connect();
    writer = createWriteSerialiser(db.writer, { retentionWeeks: 260, now: () => new Date(), log: () => undefined, cubeRows: 0 });
  });
  afterEach(() => {
    writer.stop();
    reader.closeSync();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the batches waiting at its turn in one transaction, each made after the ones before it were written', async () => {
    const seen: { written: object; committed: object }[] = [];
    const make = (partition: number) => async () => {
      // What this batch is made from (the writer's view) and what other connections see meanwhile.
      seen.push({ written: await offsetsOn(db.writer), committed: await offsetsOn(reader) });
      return batchOf(partition, 100 + partition);
    };
    const written: number[] = [];
    const { release, held } = holdWriter(writer);
    const queued = Promise.all([0, 1, 2].map((p) => writer.commit(make(p), (b) => written.push(b.partition))));
    release();
    await held;
    const done = await queued;
    expect(done.map((b) => b.partition)).toEqual([0, 1, 2]);
    expect(written).toEqual([0, 1, 2]);
    expect(seen).toEqual([
      { written: {}, committed: {} },
      { written: { 0: 100n }, committed: {} },
      { written: { 0: 100n, 1: 101n }, committed: {} },
    ]);
    expect(await offsetsOn(reader)).toEqual({ 0: 100n, 1: 101n, 2: 102n });
    const counts = await reader.runAndReadAll(`SELECT n::INTEGER FROM ingest_counts WHERE outcome = 'accepted'`);
    expect(counts.getRowsJS()).toEqual([[3]]);
  });

  it('commits nothing of a group when one batch in it fails, and then lets a batch that keeps failing fail alone', async () => {
    const failing = () => Promise.reject(new Error('the batch cannot be made'));
    const { release, held } = holdWriter(writer);
    const queued = Promise.allSettled([writer.commit(async () => batchOf(0, 10)), writer.commit(failing)]);
    release();
    await held;
    const first = await queued;
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await offsetsOn(reader)).toEqual({});
    // Redelivered, the good batch now commits although the bad one is queued right behind it again.
    const again = await Promise.allSettled([writer.commit(async () => batchOf(0, 10)), writer.commit(failing)]);
    expect(again.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await offsetsOn(reader)).toEqual({ 0: 10n });
  });
});
