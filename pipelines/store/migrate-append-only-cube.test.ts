import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLiveDb } from './live-db.ts';
import { weeklyCountsDdl } from './live-schema.ts';

const ROWS = `('WK036301', '2024-03-04', 'loneliness', 'social', 'school', '75+', 5, 2, 3, 11, 4294967000),
              ('WK03630A', '2024-12-30', 'escalation', 'other_nuisance', 'police', 'unknown', 1, 1, 0, 12, 7)`;

describe('opening a live database written before the cube was append-only', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-append-only-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves the keyed cube into cube_rows and serves the same cells through the weekly_counts view', async () => {
    const path = join(dir, 'live.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(weeklyCountsDdl('weekly_counts'));
    await conn.run(`INSERT INTO weekly_counts VALUES ${ROWS}`);
    conn.closeSync();
    instance.closeSync();

    const cube =
      'SELECT wijk, n::INTEGER, signals::INTEGER, high::INTEGER, cell::INTEGER, key_sum::DOUBLE FROM weekly_counts ORDER BY cell';
    const before = [
      ['WK036301', 5, 2, 3, 11, 4294967000],
      ['WK03630A', 1, 1, 0, 12, 7],
    ];
    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      expect((await db.writer.runAndReadAll(cube)).getRowsJS()).toEqual(before);
      const kind = await db.writer.runAndReadAll(
        `SELECT count(*)::INTEGER FROM duckdb_views() WHERE view_name = 'weekly_counts'`,
      );
      expect(kind.getRowsJS()).toEqual([[1]]);
      // A further row for the first cell adds to it; key_sum wraps modulo 2^32 as before.
      await db.writer.run(
        `INSERT INTO cube_rows VALUES ('WK036301', '2024-03-04', 'loneliness', 'social', 'school', '75+', 1, 1, 0, 11, 500)`,
      );
      expect((await db.writer.runAndReadAll(cube)).getRowsJS()[0]).toEqual(['WK036301', 6, 3, 3, 11, 204]);
    } finally {
      db.close();
    }
    // Opening it again changes nothing.
    const again = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      expect((await again.writer.runAndReadAll('SELECT count(*)::INTEGER FROM cube_rows')).getRowsJS()).toEqual([[3]]);
    } finally {
      again.close();
    }
  });
});
