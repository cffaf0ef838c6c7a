import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { addIsoWeeks, mondayIsoDate, mondayOfIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeRegistry } from '../store/write-registry.ts';
import type { AnalysisStage } from './analysis-stage.ts';
import { keyed, levels, registry } from './stage-test-cube.ts';

/**
 * A simulated outbreak on a real live file, for the tests of alarm events and the replay: two years of
 * usual counts, then week by week WK900001's counts rise and fall again (`OUTBREAK`), fed as two batches a
 * week while the week runs, with an analysis run after each batch. WK900002 has one signal a week, always
 * withheld (`<k` whatever its noise), so its published series is flat at k − 1 in every noise draw and
 * nothing may flag it.
 */

export const START: IsoWeek = '2026-W20';
/** WK900001 from START on: the usual 6 and 10, the outbreak, the usual again. */
export const OUTBREAK = [6, 10, 12, 30, 60, 40, 6, 10, 6, 10, 6, 10];
export const W = (i: number): IsoWeek => addIsoWeeks(START, i);
const usual = (back: number) => (back % 2 === 0 ? 6 : 10);
const QUIET = 1;

export function cubeRow(wijk: string, week: IsoWeek, n: number): string {
  return `('${wijk}', '${mondayIsoDate(week)}', 'loneliness', 'social', 'social_team', '25-44', ${n}, ${n}, 0)`;
}

export async function appendCube(db: LiveDb, rows: string[]): Promise<void> {
  await db.writer.run(`INSERT INTO cube_rows ${keyed(rows)}`);
}

/** A live file with the two years of history before START. */
export async function openOutbreakDb(path: string): Promise<LiveDb> {
  const db = await openLiveDb({ path, memoryLimit: '256MB', threads: 1 });
  await writeRegistry(db.writer, registry, []);
  const rows: string[] = [];
  for (let back = 104; back >= 1; back--) {
    const week = addIsoWeeks(START, -back);
    rows.push(cubeRow('WK900001', week, usual(back)), cubeRow('WK900002', week, QUIET));
  }
  await appendCube(db, rows);
  return db;
}

/**
 * For a test file: a fresh outbreak file in a temporary folder before each test, closed and removed after it.
 * Call the getter for the open file; `close()` closes it earlier (for a reader that opens the file itself).
 */
export function useOutbreakDb(prefix: string): (() => LiveDb) & { close(): void } {
  let dir = '';
  let db: LiveDb | undefined;
  const file = Object.assign(
    () => {
      if (db === undefined) throw new Error('the outbreak file is open from before each test until close()');
      return db;
    },
    {
      close() {
        db?.close();
        db = undefined;
      },
    },
  );
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    db = await openOutbreakDb(join(dir, 'live.duckdb'));
  });
  afterEach(() => {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return file;
}

/** A clock the stage reads, which the simulation moves week by week. */
export interface SimulatedClock {
  now: Date;
}

/** The clock at the outbreak's first Monday, where every simulation starts. */
export function outbreakClock(): SimulatedClock {
  return { now: new Date(`${mondayIsoDate(START)}T10:00:00Z`) };
}

/** Runs the outbreak's weeks; `afterWeek` sees the file after each week's runs. Ends on the Monday after it. */
export async function runOutbreak(
  db: LiveDb,
  stage: AnalysisStage,
  clock: SimulatedClock,
  afterWeek?: (i: number) => Promise<void>,
): Promise<void> {
  for (const [i, n] of OUTBREAK.entries()) {
    const week = W(i);
    clock.now = new Date(mondayOfIsoWeek(week).getTime() + 2 * 86_400_000);
    for (const [batch, part] of [Math.floor(n / 2), n - Math.floor(n / 2)].entries()) {
      await appendCube(db, [cubeRow('WK900001', week, part), ...(batch === 0 ? [cubeRow('WK900002', week, QUIET)] : [])]);
      stage.markTouched(['WK900001|loneliness', 'WK900002|loneliness'], [mondayIsoDate(week)]);
      await stage.run();
    }
    await afterWeek?.(i);
  }
  clock.now = mondayOfIsoWeek(W(OUTBREAK.length));
  await stage.run();
}

/** Late data for WK900002's quiet week W(10), still among the judged weeks: it opens an alarm there. */
export async function lateOutbreak(db: LiveDb, stage: AnalysisStage): Promise<void> {
  await appendCube(db, [cubeRow('WK900002', W(10), 60)]);
  stage.markTouched(['WK900002|loneliness'], [mondayIsoDate(W(10))]);
  await stage.run();
}

/** Every event as one text per row, in seq order: earlier rows must stay byte for byte what they were. */
export async function eventTexts(db: LiveDb): Promise<string[]> {
  const rows = await levels(db, `SELECT seq, to_json(e)::VARCHAR FROM alarm_events e ORDER BY seq`);
  return rows.map((r) => String(r[1]));
}
