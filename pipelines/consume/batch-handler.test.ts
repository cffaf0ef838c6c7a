import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdHashSet } from '../aggregate/id-filter.ts';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { findKnownIds, readStoredOffsets } from '../store/read-state.ts';
import type { BatchWrite } from '../store/write-batch.ts';
import { createWriteSerialiser, type WriteSerialiser } from '../store/write-serialiser.ts';
import { createValidationPool } from '../validate/validation-pool.ts';
import { handleBatch, type BatchHandlerPorts, type IncomingBatch } from './batch-handler.ts';
import { kafkaDeadLetterWriter } from './dead-letter-writer.ts';
import { TEST_VALIDATION_CONTEXT } from '../validate/test-validation-context.ts';

const TOPIC = 'signals.v1.partner.demo-partner';
const ctx = TEST_VALIDATION_CONTEXT;

function signal(id: string, i: number) {
  return Buffer.from(
    JSON.stringify({
      id,
      partner: 'demo-partner',
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'social',
      area: i % 2 ? 'WK034401' : 'WK036302',
      areaYear: 2024,
      week: `2026-W${String(10 + (i % 5)).padStart(2, '0')}`,
      ageBand: '75+',
      severity: 'medium',
    }),
  );
}

/** A partition batch of these ids from `first` on, with a message carrying personal data among them. */
function batchOf(partition: number, first: number, ids: string[]): IncomingBatch {
  const values = ids.map((id, i) => signal(id, i));
  values.splice(3, 0, Buffer.from(JSON.stringify({ id: randomUUID(), note: 'bsn 123456782' })));
  return {
    topic: TOPIC,
    partition,
    messages: values.map((value, i) => ({ offset: String(first + i), key: null, value })),
  };
}

const pool = createValidationPool(ctx, 'batch-handler-test', 1);
afterAll(() => pool.close());

describe('handleBatch with batches of several partitions at once', () => {
  let dir: string;
  let db: LiveDb;
  let writer: WriteSerialiser;
  let committed: string[];
  let deadLetters: number;
  let ports: BatchHandlerPorts;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-batches-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
    writer = createWriteSerialiser(db.writer, { retentionWeeks: 260, now: () => new Date(), log: () => undefined, cubeRows: 0 });
    committed = [];
    deadLetters = 0;
    ports = {
      validationContext: () => ctx,
      partnerOfTopic: () => 'demo-partner',
      idFilter: new IdHashSet(),
      recordKey: db.recordKey,
      findKnownIds: (ids) => findKnownIds(db.writer, ids),
      deadLetters: kafkaDeadLetterWriter(
        {
          send: async ({ messages }) => {
            deadLetters += messages.length;
            return [];
          },
        },
        'signals.v1.dlq',
      ),
      commit: (make, done) =>
        writer.commit(make, (batch: BatchWrite) => {
          committed.push(`${batch.partition}:${batch.nextOffset}`);
          done?.(batch);
        }),
      now: () => new Date(),
      validate: pool.validate,
    };
  });
  afterEach(() => {
    writer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts an id that two partitions deliver at the same time once, and commits each partition in order', async () => {
    const shared = Array.from({ length: 40 }, () => randomUUID());
    const own = (n: number) => Array.from({ length: n }, () => randomUUID());
    const a1 = [...shared, ...own(60)];
    const b1 = [...own(30), ...shared.map((id) => id.toUpperCase()), ...own(30)];
    const a2 = [...own(80), shared[0]!];
    // Partition 0's second batch follows its first, as kafkajs delivers them; partition 1's runs alongside.
    const [[outA1, outA2], outB1] = await Promise.all([
      handleBatch(ports, batchOf(0, 0, a1), undefined).then(async (first) => [
        first,
        await handleBatch(ports, batchOf(0, a1.length + 1, a2), undefined),
      ]),
      handleBatch(ports, batchOf(1, 0, b1), undefined),
    ]);
    expect(outA1?.accepted).toBe(100);
    expect(outB1).toMatchObject({ accepted: 60, duplicates: 40, rejected: 1 });
    expect(outA2).toMatchObject({ accepted: 80, duplicates: 1, rejected: 1 });
    expect(committed.filter((c) => c.startsWith('0:'))).toEqual(['0:101', `0:${a1.length + 1 + a2.length + 1}`]);
    expect(committed.filter((c) => c.startsWith('1:'))).toEqual(['1:101']);
    expect(deadLetters).toBe(3);

    const rows = await db.writer.runAndReadAll('SELECT count(*)::INTEGER, count(DISTINCT id)::INTEGER FROM signals');
    expect(rows.getRowsJS()[0]).toEqual([240, 240]);
    const counts = await db.writer.runAndReadAll(
      `SELECT outcome, n::INTEGER FROM ingest_counts WHERE partner = 'demo-partner' ORDER BY outcome`,
    );
    expect(counts.getRowsJS()).toEqual([
      ['accepted', 240],
      ['duplicate', 41],
      ['personal_data', 3],
    ]);
    const cube = await db.writer.runAndReadAll('SELECT sum(signals)::INTEGER FROM weekly_counts');
    expect(cube.getRowsJS()[0]).toEqual([240]);
    const offsets = await readStoredOffsets(db.writer, [TOPIC]);
    expect(offsets.get(TOPIC)).toEqual(
      new Map([
        [0, BigInt(a1.length + 1 + a2.length + 1)],
        [1, 101n],
      ]),
    );
  });

  it('handles only what lies at or after the stored offset of a replayed batch, and nothing of one wholly below it', async () => {
    const ids = Array.from({ length: 100 }, () => randomUUID());
    // Offsets 10..110: the personal-data message is offset 13, below the stored 60, so it is skipped too.
    const replayed = batchOf(0, 10, ids);
    const outcome = await handleBatch(ports, replayed, 60n);
    expect(outcome).toMatchObject({ nextOffset: 111n, accepted: 51, rejected: 0, duplicates: 0 });
    expect(await handleBatch(ports, replayed, 111n)).toBeNull();
    const stored = await db.writer.runAndReadAll('SELECT min("offset")::INTEGER, count(*)::INTEGER FROM signals');
    expect(stored.getRowsJS()[0]).toEqual([60, 51]);
    expect(deadLetters).toBe(0);
  });
});
