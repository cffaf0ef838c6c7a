import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Signal } from '@wijksignaal/contracts/signal';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { cubeDelta } from '../aggregate/cube-delta.ts';
import { recordKeys } from '../aggregate/record-key.ts';
import { compactCube } from './compact-cube.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { writeBatch } from './write-batch.ts';

const recordKey = recordKeys('compact-cube-test');

function accepted(i: number): AcceptedSignal {
  const wijk = i % 2 ? 'WK990101' : 'WK990102';
  const signal = {
    id: crypto.randomUUID(),
    partner: 'demo-partner',
    sourceKind: 'school',
    theme: 'school_absence',
    category: 'relative_16h',
    area: wijk,
    areaYear: 2024,
    week: '2024-W10',
    ageBand: '12-14',
    severity: i % 3 ? 'low' : 'high',
    count: 1 + (i % 4),
  } as Signal;
  return { signal, wijk, gemeente: 'GM9901', weekMonday: '2024-03-04', partition: 0, offset: String(i) };
}

describe('compactCube', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-compact-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the rows to one per cell and keeps every sum, key_sum included', async () => {
    for (let b = 0; b < 5; b++) {
      const fresh = Array.from({ length: 20 }, (_, i) => accepted(b * 20 + i));
      await writeBatch(db.writer, {
        topic: 't',
        partition: 0,
        nextOffset: String((b + 1) * 20),
        fresh,
        cells: cubeDelta(fresh, recordKey),
        outcomes: new Map(),
        at: new Date(),
      });
    }
    const cube =
      'SELECT wijk, week::VARCHAR, n::INTEGER, signals::INTEGER, high::INTEGER, cell::DOUBLE, key_sum::DOUBLE FROM weekly_counts ORDER BY ALL';
    const before = (await db.writer.runAndReadAll(cube)).getRowsJS();
    expect(before.reduce((s, r) => s + (r[3] as number), 0)).toBe(100);
    expect((await db.writer.runAndReadAll('SELECT count(*)::INTEGER FROM cube_rows')).getRowsJS()).toEqual([[10]]);

    expect(await compactCube(db.writer)).toBe(before.length);
    expect((await db.writer.runAndReadAll('SELECT count(*)::INTEGER FROM cube_rows')).getRowsJS()).toEqual([[before.length]]);
    expect((await db.writer.runAndReadAll(cube)).getRowsJS()).toEqual(before);
  });
});
