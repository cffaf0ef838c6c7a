import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { openLiveDb } from './live-db.ts';
import { weeklyCountsDdl } from './live-schema.ts';
import { WIDE_LEDGER } from './wide-ledger.ts';

const IDS = [
  '6f1c2a9e-8d1b-4c7e-9a51-0b9d1c2e3f41',
  '0a3e5b7c-1d2f-4a6b-8c9d-e0f1a2b3c4d5',
  '9b8a7c6d-5e4f-4321-8fed-cba987654321',
];

describe('opening a live database written before cells had record keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-record-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives each cube cell the sum of its ledger signals’ record keys, with every count kept', async () => {
    const path = join(dir, 'live.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    // The wide ledger and the keyed cube table (without key_sum) of that time.
    await conn.run(WIDE_LEDGER);
    await conn.run(weeklyCountsDdl('weekly_counts').replace(', key_sum BIGINT NOT NULL', ''));
    const signal = (id: string, wijk: string) =>
      `('${id}', 'demo-partner', 'home_care', 'loneliness', 'social', '${wijk}', '${wijk}', 'GM0999', '2024-03-04', '75+', 'low', 1, 0, 0, now())`;
    await conn.run(
      `INSERT INTO signals VALUES ${signal(IDS[0]!, 'WK099901')}, ${signal(IDS[1]!, 'WK099901')}, ${signal(IDS[2]!, 'WK099902')}`,
    );
    await conn.run(
      `INSERT INTO weekly_counts VALUES ('WK099901', '2024-03-04', 'loneliness', 'social', 'home_care', '75+', 2, 2, 0, 1),
                                        ('WK099902', '2024-03-04', 'loneliness', 'social', 'home_care', '75+', 1, 1, 0, 2)`,
    );
    conn.closeSync();
    instance.closeSync();

    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      const rows = (
        await db.writer.runAndReadAll('SELECT wijk, n::INTEGER, key_sum::DOUBLE FROM weekly_counts ORDER BY wijk')
      ).getRowsJS();
      expect(rows).toEqual([
        ['WK099901', 2, (db.recordKey(IDS[0]!) + db.recordKey(IDS[1]!)) % RECORD_KEY_SPACE],
        ['WK099902', 1, db.recordKey(IDS[2]!)],
      ]);
    } finally {
      db.close();
    }
    const again = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      expect(again.recordKey(IDS[0]!)).toBe(db.recordKey(IDS[0]!)); // the secret is kept
    } finally {
      again.close();
    }
  });
});
