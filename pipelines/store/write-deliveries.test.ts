import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Signal } from '@wijksignaal/contracts/signal';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { deliveryTally } from '../aggregate/delivery-tally.ts';
import { LIVE_SCHEMA } from './live-schema.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { writeBatch, type BatchWrite } from './write-batch.ts';
import { compactDeliveryWijken, countDeliveryWijkRows } from './write-deliveries.ts';

const MONDAY = Date.parse('2026-11-30T00:00:00Z');
const DAY = 86_400_000;

function accepted(wijk: string, sourceKind: Signal['sourceKind']): AcceptedSignal {
  const signal = { id: crypto.randomUUID(), partner: 'thuiszorg-a', sourceKind } as Signal;
  return { signal, wijk, gemeente: 'GM9901', weekMonday: '2024-03-04', partition: 0, offset: '0' };
}

/** A batch of delivery figures only: two home-care signals and a rejection on Tuesday, one on the Sunday before. */
function batch(nextOffset: string): BatchWrite {
  const tally = deliveryTally();
  tally.accept(accepted('WK990101', 'home_care'), MONDAY + DAY);
  tally.accept(accepted('WK990102', 'home_care'), MONDAY + DAY + 60_000);
  tally.accept(accepted('WK990101', 'home_care'), MONDAY - DAY);
  tally.reject('thuiszorg-a', MONDAY + 2 * DAY);
  return {
    topic: 't',
    partition: 0,
    nextOffset,
    fresh: [],
    cells: [],
    outcomes: new Map(),
    deliveries: tally.delta(),
    at: new Date(),
  };
}

async function rows(db: LiveDb, sql: string): Promise<unknown[][]> {
  return (await db.writer.runAndReadAll(sql)).getRowsJS();
}

describe('delivery figures in the batch transaction', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-deliveries-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are added per delivery week (the timestamp’s ISO week) and per wijk, and fold back to one row per wijk and week', async () => {
    const db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
    try {
      await writeBatch(db.writer, batch('1'));
      await writeBatch(db.writer, batch('2'));
      expect(
        await rows(
          db,
          `SELECT source_kind, week::VARCHAR, accepted::INTEGER, rejected::INTEGER, strftime(last_at, '%Y-%m-%d %H:%M')
           FROM delivery_weeks ORDER BY week, source_kind`,
        ),
      ).toEqual([
        ['home_care', '2026-11-23', 2, 0, '2026-11-29 00:00'],
        ['', '2026-11-30', 0, 2, '2026-12-02 00:00'],
        ['home_care', '2026-11-30', 4, 0, '2026-12-01 00:01'],
      ]);
      expect(await rows(db, 'SELECT DISTINCT wijk, week::VARCHAR FROM delivery_wijk_weeks ORDER BY week, wijk')).toEqual([
        ['WK990101', '2026-11-23'],
        ['WK990101', '2026-11-30'],
        ['WK990102', '2026-11-30'],
      ]);
      // One row per batch that delivered there, until they are folded back to one per key.
      expect(await countDeliveryWijkRows(db.writer)).toBe(6);
      expect(await compactDeliveryWijken(db.writer)).toBe(3);
    } finally {
      db.close();
    }
  });

  it('are rolled back with the batch when its transaction fails', async () => {
    const db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
    try {
      await expect(writeBatch(db.writer, batch('not-a-number'))).rejects.toThrow();
      expect(
        await rows(
          db,
          'SELECT (SELECT count(*) FROM delivery_weeks)::INTEGER, (SELECT count(*) FROM delivery_wijk_weeks)::INTEGER',
        ),
      ).toEqual([[0, 0]]);
    } finally {
      db.close();
    }
  });

  it('get their tables on a live file made before them (start-up migration)', async () => {
    const path = join(dir, 'live.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    for (const ddl of LIVE_SCHEMA) await conn.run(ddl);
    await conn.run(`INSERT INTO ingest_counts VALUES ('thuiszorg-a', 'accepted', 7, now())`);
    conn.closeSync();
    instance.closeSync();

    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      await writeBatch(db.writer, batch('1'));
      expect(await rows(db, 'SELECT sum(accepted)::INTEGER, sum(rejected)::INTEGER FROM delivery_weeks')).toEqual([[3, 1]]);
      expect(await rows(db, 'SELECT count(*)::INTEGER FROM quality_alarms')).toEqual([[0]]);
      expect(await rows(db, 'SELECT n::INTEGER FROM ingest_counts')).toEqual([[7]]);
    } finally {
      db.close();
    }
  });
});
