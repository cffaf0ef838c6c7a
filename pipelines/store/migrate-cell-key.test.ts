import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellKey } from '../aggregate/cell-key.ts';
import { openLiveDb } from './live-db.ts';

const OLD_CUBE = `CREATE TABLE weekly_counts (
  wijk VARCHAR NOT NULL, week DATE NOT NULL, theme VARCHAR NOT NULL, category VARCHAR NOT NULL,
  source_kind VARCHAR NOT NULL, age_band VARCHAR NOT NULL, n BIGINT NOT NULL, signals BIGINT NOT NULL, high BIGINT NOT NULL,
  PRIMARY KEY (wijk, week, theme, category, source_kind, age_band))`;

async function writeOldDb(path: string, rows: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run(OLD_CUBE);
  await conn.run(`INSERT INTO weekly_counts VALUES ${rows}`);
  conn.closeSync();
  instance.closeSync();
}

describe('opening a live database written before the cube had a cell key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the cube keyed on cell with every count kept', async () => {
    const path = join(dir, 'live.duckdb');
    await writeOldDb(
      path,
      `('WK036301', '2024-03-04', 'loneliness', 'social', 'school', '75+', 5, 2, 3), ('WK03630A', '2024-12-30', 'escalation', 'other_nuisance', 'police', 'unknown', 1, 1, 0)`,
    );
    const db = await openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    try {
      const rows = (
        await db.writer.runAndReadAll(
          'SELECT wijk, n::INTEGER, signals::INTEGER, high::INTEGER, cell::VARCHAR FROM weekly_counts ORDER BY wijk',
        )
      ).getRowsJS();
      expect(rows).toEqual([
        [
          'WK036301',
          5,
          2,
          3,
          String(
            cellKey({
              wijk: 'WK036301',
              weekMonday: '2024-03-04',
              theme: 'loneliness',
              category: 'social',
              sourceKind: 'school',
              ageBand: '75+',
            }),
          ),
        ],
        [
          'WK03630A',
          1,
          1,
          0,
          String(
            cellKey({
              wijk: 'WK03630A',
              weekMonday: '2024-12-30',
              theme: 'escalation',
              category: 'other_nuisance',
              sourceKind: 'police',
              ageBand: 'unknown',
            }),
          ),
        ],
      ]);
      // Keyed, then made append-only (migrate-append-only-cube.ts): the rows are in cube_rows, one per cell.
      const stored = (
        await db.writer.runAndReadAll('SELECT count(*)::INTEGER, count(DISTINCT cell)::INTEGER FROM cube_rows')
      ).getRowsJS();
      expect(stored).toEqual([[2, 2]]);
    } finally {
      db.close();
    }
  });

  it('refuses with a one-line message naming DATA_DIR when a cell cannot be keyed', async () => {
    const path = join(dir, 'live.duckdb');
    await writeOldDb(path, `('WK036301', '2024-03-04', 'loneliness', 'social', 'municipality', '75+', 5, 2, 3)`);
    const opening = openLiveDb({ path, memoryLimit: '128MB', threads: 1 });
    await expect(opening).rejects.toThrow(/^cannot key the cube of the older live database .*remove its DATA_DIR[^\n]*$/);
  });
});
