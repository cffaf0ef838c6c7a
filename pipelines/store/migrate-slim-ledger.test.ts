import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellKey } from '../aggregate/cell-key.ts';
import { openLiveDb } from './live-db.ts';
import { readIdFilter } from './read-state.ts';
import { WIDE_LEDGER } from './wide-ledger.ts';

const IDS = ['6f1c2a9e-8d1b-4c7e-9a51-0b9d1c2e3f41', '0a3e5b7c-1d2f-4a6b-8c9d-e0f1a2b3c4d5'];

describe('opening a live database written before the signal ledger was slim', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-slim-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every id, partition and offset, with its cell key instead of the coordinates', async () => {
    const path = join(dir, 'live.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(WIDE_LEDGER);
    await conn.run(
      `INSERT INTO signals VALUES
       ('${IDS[0]}', 'demo-partner', 'home_care', 'loneliness', 'social', 'BU03630101', 'WK036301', 'GM0363', '2024-03-04', '75+', 'low', 1, 2, 41, now()),
       ('${IDS[1]}', 'demo-partner', 'police', 'escalation', 'other_nuisance', 'WK03630A', 'WK03630A', 'GM0363', '2024-12-30', 'unknown', 'high', 3, 0, 7, now())`,
    );
    conn.closeSync();
    instance.closeSync();

    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      const rows = (
        await db.writer.runAndReadAll(
          'SELECT id::VARCHAR, cell::DOUBLE, "partition", "offset"::INTEGER FROM signals ORDER BY "offset"',
        )
      ).getRowsJS();
      expect(rows).toEqual([
        [
          IDS[1],
          cellKey({
            wijk: 'WK03630A',
            weekMonday: '2024-12-30',
            theme: 'escalation',
            category: 'other_nuisance',
            sourceKind: 'police',
            ageBand: 'unknown',
          }),
          0,
          7,
        ],
        [
          IDS[0],
          cellKey({
            wijk: 'WK036301',
            weekMonday: '2024-03-04',
            theme: 'loneliness',
            category: 'social',
            sourceKind: 'home_care',
            ageBand: '75+',
          }),
          2,
          41,
        ],
      ]);
      const filter = await readIdFilter(db.writer);
      expect(IDS.every((id) => filter.has(id))).toBe(true);
    } finally {
      db.close();
    }
  });
});
