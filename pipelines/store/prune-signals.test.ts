import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellKey } from '../aggregate/cell-key.ts';
import { openLiveDb, type LiveDb } from './live-db.ts';
import { pruneSignals } from './prune-signals.ts';

describe('pruning the signal ledger to the retention window (real DuckDB file)', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-prune-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes signals of weeks before the window and keeps the window and the cube', async () => {
    const cell = (weekMonday: string) =>
      cellKey({ wijk: 'WK990101', weekMonday, theme: 'loneliness', category: 'social', sourceKind: 'home_care', ageBand: '75+' });
    const row = (id: string, monday: string) => `('${id}', ${cell(monday)}, 0, 0)`;
    await db.writer.run(
      `INSERT INTO signals VALUES ${row('00000000-0000-4000-8000-000000000001', '2021-11-29')}, ${row('00000000-0000-4000-8000-000000000002', '2021-12-06')}, ${row('00000000-0000-4000-8000-000000000003', '2026-11-23')}`,
    );
    await db.writer.run(
      `INSERT INTO cube_rows VALUES ('WK990101', '2021-11-29', 'loneliness', 'social', 'home_care', '75+', 1, 1, 0, 1, 5)`,
    );
    // 2026-W49 minus 260 weeks is 2021-W49 (Monday 2021-12-06), the oldest week validation accepts.
    expect(await pruneSignals(db.writer, '2026-W49', 260)).toBe(1);
    const left = (await db.writer.runAndReadAll('SELECT cell::DOUBLE FROM signals ORDER BY 1')).getRowsJS();
    expect(left).toEqual([[cell('2021-12-06')], [cell('2026-11-23')]]);
    expect((await db.writer.runAndReadAll('SELECT count(*)::INTEGER FROM weekly_counts')).getRowsJS()).toEqual([[1]]);
    expect(await pruneSignals(db.writer, '2026-W49', 260)).toBe(0);
  });
});
