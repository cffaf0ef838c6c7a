import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Signal } from '@wijksignaal/contracts/signal';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { cubeDelta } from '../aggregate/cube-delta.ts';
import { recordKeys } from '../aggregate/record-key.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { findKnownIds, readIdFilter, readStoredOffsets } from './read-state.ts';
import { writeBatch } from './write-batch.ts';

function accepted(i: number, over: Partial<Signal> = {}): AcceptedSignal {
  const signal = {
    id: crypto.randomUUID(),
    partner: 'demo-partner',
    sourceKind: 'school',
    theme: 'school_absence',
    category: 'relative_16h',
    area: 'WK990101',
    areaYear: 2024,
    week: '2024-W10',
    ageBand: '12-14',
    severity: i % 2 ? 'high' : 'low',
    count: 1 + (i % 3),
    ...over,
  } as Signal;
  return { signal, wijk: 'WK990101', gemeente: 'GM9901', weekMonday: '2024-03-04', partition: 1, offset: String(i) };
}

describe('writeBatch on a real DuckDB file', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-store-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores signals, cube cells, outcomes and the next offset together', async () => {
    const fresh = Array.from({ length: 10 }, (_, i) => accepted(i));
    await writeBatch(db.writer, {
      topic: 't',
      partition: 1,
      nextOffset: '10',
      fresh,
      cells: cubeDelta(fresh, recordKeys('write-batch-test')),
      outcomes: new Map([['demo-partner|accepted', { partner: 'demo-partner', outcome: 'accepted', n: 10 }]]),
      at: new Date(),
    });
    const cube = await db.writer.runAndReadAll(
      'SELECT sum(n)::INTEGER, sum(signals)::INTEGER, sum(high)::INTEGER FROM weekly_counts',
    );
    const expectedN = fresh.reduce((s, a) => s + a.signal.count, 0);
    const expectedHigh = fresh.filter((a) => a.signal.severity === 'high').reduce((s, a) => s + a.signal.count, 0);
    expect(cube.getRows()[0]).toEqual([expectedN, 10, expectedHigh]);
    expect(await readStoredOffsets(db.writer, ['t'])).toEqual(new Map([['t', new Map([[1, 10n]])]]));
    const filter = await readIdFilter(db.writer);
    expect(fresh.every((a) => filter.has(a.signal.id))).toBe(true);
    const known = await findKnownIds(db.writer, [fresh[0]!.signal.id, crypto.randomUUID()]);
    expect([...known]).toEqual([fresh[0]!.signal.id]);
  });

  it('adds to existing cube cells and counters instead of replacing them', async () => {
    for (const next of ['5', '9']) {
      const fresh = [accepted(0, { count: 2 })];
      await writeBatch(db.writer, {
        topic: 't',
        partition: 0,
        nextOffset: next,
        fresh,
        cells: cubeDelta(fresh, recordKeys('write-batch-test')),
        outcomes: new Map([['p|accepted', { partner: 'p', outcome: 'accepted', n: 1 }]]),
        at: new Date(),
      });
    }
    const rows = await db.writer.runAndReadAll('SELECT n::INTEGER, signals::INTEGER FROM weekly_counts');
    expect(rows.getRows()).toEqual([[4, 2]]);
    const counts = await db.writer.runAndReadAll('SELECT n::INTEGER FROM ingest_counts');
    expect(counts.getRows()).toEqual([[2]]);
    expect(await readStoredOffsets(db.writer, ['t'])).toEqual(new Map([['t', new Map([[0, 9n]])]]));
  });

  it('leaves nothing behind when the transaction fails', async () => {
    const fresh = [accepted(0)];
    await expect(
      writeBatch(db.writer, {
        topic: 't',
        partition: 0,
        nextOffset: 'not-a-number',
        fresh,
        cells: cubeDelta(fresh, recordKeys('write-batch-test')),
        outcomes: new Map(),
        at: new Date(),
      }),
    ).rejects.toThrow();
    const rows = await db.writer.runAndReadAll(
      'SELECT (SELECT count(*) FROM signals)::INTEGER, (SELECT count(*) FROM weekly_counts)::INTEGER',
    );
    expect(rows.getRows()[0]).toEqual([0, 0]);
  });
});
