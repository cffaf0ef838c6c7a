import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIsoWeeks, mondayIsoDate, mondayOfIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeRegistry } from '../store/write-registry.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { createDetectionPool } from './detection-pool.ts';
import { keyed, levels, registry } from './stage-test-cube.ts';

const pool = createDetectionPool(1);
afterAll(() => pool.close());

/** The outbreak's first week, and the counts of WK900001 from it on (the usual 6 and 10 before and after). */
const START: IsoWeek = '2026-W20';
const OUTBREAK = [6, 10, 12, 30, 60, 40, 6, 10, 6, 10, 6, 10];
const usual = (back: number) => (back % 2 === 0 ? 6 : 10);
/** WK900002 swings more (4 and 12), so the perturbation of its published counts never flags it. */
const swing = (back: number) => (back % 2 === 0 ? 4 : 12);

function cubeRow(wijk: string, week: IsoWeek, n: number): string {
  return `('${wijk}', '${mondayIsoDate(week)}', 'loneliness', 'social', 'social_team', '25-44', ${n}, ${n}, 0)`;
}

async function append(db: LiveDb, rows: string[]): Promise<void> {
  await db.writer.run(`INSERT INTO cube_rows ${keyed(rows)}`);
}

/** Every event as one text per row, in seq order: earlier rows must stay byte for byte what they were. */
async function eventTexts(db: LiveDb): Promise<string[]> {
  const rows = await levels(db, `SELECT seq, to_json(e)::VARCHAR FROM alarm_events e ORDER BY seq`);
  return rows.map((r) => String(r[1]));
}

async function events(db: LiveDb): Promise<string[]> {
  const rows = await levels(
    db,
    `SELECT kind, strftime(week, '%G-W%V'), level, alarm_id FROM alarm_events WHERE wijk = 'WK900001' ORDER BY seq`,
  );
  return rows.map((r) => r.join(' '));
}

describe('alarm events over a simulated outbreak (analysis stage, real DuckDB file)', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-lifecycle-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '256MB', threads: 1 });
    await writeRegistry(db.writer, registry, []);
    // Two years of flat history before the outbreak, for both wijken.
    const rows: string[] = [];
    for (let back = 104; back >= 1; back--) {
      const week = addIsoWeeks(START, -back);
      rows.push(cubeRow('WK900001', week, usual(back)), cubeRow('WK900002', week, swing(back)));
    }
    await append(db, rows);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in the first flagged week, escalates, updates, closes in the first quiet one, and never rewrites a row', async () => {
    let now = mondayOfIsoWeek(START);
    const conn = await db.instance.connect();
    const stage = createAnalysisStage({ conn, pool, k: 5, log: () => undefined, now: () => now });
    const W = (i: number) => addIsoWeeks(START, i);
    let before: string[] = [];
    const growth: number[] = [];
    // Week by week: the week's signals arrive as two batches while it runs; the next week judges it.
    for (const [i, n] of OUTBREAK.entries()) {
      const week = addIsoWeeks(START, i);
      now = new Date(mondayOfIsoWeek(week).getTime() + 2 * 86_400_000);
      for (const part of [Math.floor(n / 2), n - Math.floor(n / 2)]) {
        await append(db, [cubeRow('WK900001', week, part), cubeRow('WK900002', week, i % 2 === 0 ? 2 : 6)]);
        stage.markTouched(['WK900001|loneliness', 'WK900002|loneliness'], [mondayIsoDate(week)]);
        await stage.run();
      }
      const after = await eventTexts(db);
      expect(after.slice(0, before.length)).toEqual(before);
      growth.push(after.length - before.length);
      before = after;
    }
    now = mondayOfIsoWeek(addIsoWeeks(START, OUTBREAK.length));
    await stage.run();
    const id = `WK900001.loneliness.${W(2)}`;
    const lifecycle = await events(db);
    // Opened by the first outbreak week (12 against the usual 6 and 10), escalated as it grows, updated while
    // it holds (EARS C3 still flags the two weeks after: its statistic sums the last three weeks), closed by the
    // first quiet week.
    expect(lifecycle).toEqual([
      `opened ${W(2)} amber ${id}`,
      `escalated ${W(3)} red ${id}`,
      `updated ${W(4)} red ${id}`,
      `updated ${W(5)} red ${id}`,
      `updated ${W(6)} amber ${id}`,
      `updated ${W(7)} amber ${id}`,
      `closed ${W(8)} none ${id}`,
    ]);
    // Nothing for the flat wijk; nothing appended while a week was still running.
    expect(await levels(db, `SELECT count(*)::INTEGER FROM alarm_events WHERE wijk = 'WK900002'`)).toEqual([[0]]);
    expect(growth.slice(0, 2)).toEqual([0, 0]);
    const stamped = await levels(db, `SELECT DISTINCT method_version, offsets <> '', settings LIKE '{%' FROM alarm_events`);
    expect(stamped.every((r) => /-\d+$/.test(String(r[0])) && r[1] === true && r[2] === true)).toBe(true);

    // Late data for a quiet wijk's past week, still among the judged ones: an alarm that opens in that week
    // is appended; every earlier row stays as it was.
    const settled = await eventTexts(db);
    await append(db, [cubeRow('WK900002', W(10), 60)]);
    stage.markTouched(['WK900002|loneliness'], [mondayIsoDate(W(10))]);
    await stage.run();
    const late = await eventTexts(db);
    expect(late.slice(0, settled.length)).toEqual(settled);
    const lateEvents = await levels(db, `SELECT kind, strftime(week, '%G-W%V'), alarm_id FROM alarm_events WHERE wijk = 'WK900002' ORDER BY seq`);
    expect(lateEvents[0]).toEqual(['opened', W(10), `WK900002.loneliness.${W(10)}`]);
    expect(lateEvents.slice(1).every((e) => ['updated', 'escalated', 'closed'].includes(String(e[0])) && String(e[1]) > W(10))).toBe(true);
    // A run over the same counts appends nothing.
    stage.markTouched(['WK900001|loneliness', 'WK900002|loneliness'], [mondayIsoDate(W(8))]);
    await stage.run();
    expect(await eventTexts(db)).toEqual(late);
    conn.closeSync();
  });
});
