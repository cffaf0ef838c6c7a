import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { publishedCount, withheldStandIn } from '@wijksignaal/domain/published/perturbation';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeRegistry } from '../store/write-registry.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { createDetectionPool } from './detection-pool.ts';
import { readDenseSeries, windowWeeks } from './series-from-cube.ts';
import { CURRENT, keyed, levels, NOW, registry, SPIKE_WEEK, writeCube } from './stage-test-cube.ts';

// The real worker threads the pipeline detects on; one is plenty for these small cubes.
const pool = createDetectionPool(1);
afterAll(() => pool.close());

describe('analysis stage on a real DuckDB file', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-analyse-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '256MB', threads: 1 });
    await writeRegistry(db.writer, registry, []);
    await writeCube(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads each week's published count of the cube's cells as the weekly_counts view sums them, cells of two rows included", async () => {
    // A second write gives every cell two cube rows (as between compactions), whose key sums add up past 2^32.
    await writeCube(db);
    const window = { currentWeek: CURRENT, historyWeeks: 120 };
    // The expected counts come from the TypeScript rule, so the SQL the series are read with is checked against it.
    const cells = await levels(
      db,
      `SELECT wijk, (date_diff('day', '${mondayIsoDate(windowWeeks(window)[0]!)}'::DATE, week) // 7)::INTEGER,
              sum(n)::DOUBLE, (sum(key_sum) % 4294967296)::DOUBLE
       FROM weekly_counts WHERE week >= '${mondayIsoDate(windowWeeks(window)[0]!)}'::DATE GROUP BY wijk, week`,
    );
    const expected = cells.map(([wijk, i, n, cellKey]) => [
      wijk,
      i,
      publishedCount(n as number, cellKey as number, 5) ?? withheldStandIn(5),
    ]);
    expect(expected.length).toBeGreaterThan(200);
    const conn = await db.instance.connect();
    const rows = await readDenseSeries(conn, 'all', window, 5);
    conn.closeSync();
    const byWijk = new Map(rows.map((r) => [r.wijk, r.counts]));
    for (const [wijk, i, count] of expected) expect(byWijk.get(wijk as string)?.[i as number]).toBe(count);
    // Not only withheld weeks were compared: WK900001's doubled Poisson(3) weeks are shown most of the time.
    expect(
      expected.filter(([wijk, , count]) => wijk === 'WK900001' && (count as number) > withheldStandIn(5)).length,
    ).toBeGreaterThan(50);
  });

  it('raises a red alarm in the outbreak week, none for the always-withheld one, and ranks the outbreak wijk first', async () => {
    const conn = await db.instance.connect();
    const stage = createAnalysisStage({ conn, pool, k: 5, log: () => undefined, now: () => NOW });
    await stage.run();
    conn.closeSync();

    const spike = await levels(
      db,
      `SELECT method, level FROM alarms WHERE wijk = 'WK900001' AND week = '${mondayIsoDate(SPIKE_WEEK)}' ORDER BY method`,
    );
    expect(spike.map((r) => r[0])).toEqual(['cusum', 'earsC1', 'earsC2', 'earsC3', 'farrington']);
    expect(spike.filter((r) => r[1] === 'red').length).toBeGreaterThanOrEqual(3);
    const flat = await levels(
      db,
      `SELECT count(*)::INTEGER, count(*) FILTER (WHERE level <> 'none')::INTEGER FROM alarms WHERE wijk = 'WK900002'`,
    );
    expect(flat[0]?.[0]).toBeGreaterThan(0);
    expect(flat[0]?.[1]).toBe(0);

    const priorities = await levels(db, 'SELECT wijk, rank, components FROM priorities ORDER BY rank');
    expect(priorities.map((r) => r[0])).toHaveLength(3);
    expect(priorities[0]?.[0]).toBe('WK900001');
    const components = JSON.parse(priorities[0]?.[2] as string) as Record<string, { alarmLevel: string; smr: number }>;
    expect(components.loneliness?.alarmLevel).toBe('red');
    expect(components.loneliness?.smr).toBeGreaterThan(1);
  });

  it('re-detects only touched series, and everything again after a restart', async () => {
    const conn = await db.instance.connect();
    const log: { event: string; fields: Record<string, unknown> }[] = [];
    const stage = createAnalysisStage({
      conn,
      pool,
      k: 5,
      log: (event, fields = {}) => log.push({ event, fields }),
      now: () => NOW,
    });
    await stage.run();
    // The cube is append-only: 37 more on top of the 1 there make the week's count 38.
    await db.writer.run(
      `INSERT INTO cube_rows ${keyed([`('WK900002', '${mondayIsoDate(SPIKE_WEEK)}', 'loneliness', 'social', 'social_team', '25-44', 37, 0, 0)`])}`,
    );
    stage.markTouched(['WK900002|loneliness'], [mondayIsoDate(SPIKE_WEEK)]);
    await stage.run();
    await db.writer.run(
      `INSERT INTO cube_rows ${keyed([`('WK900003', '${mondayIsoDate(CURRENT)}', 'loneliness', 'social', 'social_team', '45-64', 2, 1, 0)`])}`,
    );
    stage.markTouched(['WK900003|loneliness'], [mondayIsoDate(CURRENT)]);
    await stage.run();
    // Only a change to a complete week re-ranks: priorities never read the running week.
    expect(log.map((l) => [l.fields.full, l.fields.series, l.fields.reranked])).toEqual([
      [true, 3, true],
      [false, 1, true],
      [false, 1, false],
    ]);
    const touched = await levels(
      db,
      `SELECT count(*) FILTER (WHERE level = 'red')::INTEGER FROM alarms WHERE wijk = 'WK900002' AND week = '${mondayIsoDate(SPIKE_WEEK)}'`,
    );
    expect(touched[0]?.[0]).toBeGreaterThan(0);
    const untouched = await levels(db, `SELECT count(*)::INTEGER FROM alarms WHERE wijk = 'WK900001'`);
    expect(untouched[0]?.[0]).toBeGreaterThan(0);

    const restarted = createAnalysisStage({
      conn,
      pool,
      k: 5,
      log: (event, fields = {}) => log.push({ event, fields }),
      now: () => NOW,
    });
    await restarted.run();
    expect(log.at(-1)?.fields.full).toBe(true);
    conn.closeSync();
  });
});

describe('analysis stage on an empty store', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-analyse-empty-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '256MB', threads: 1 });
    await writeRegistry(db.writer, registry, []);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs without signals, writes no alarms and reports zero series', async () => {
    const conn = await db.instance.connect();
    const log: { event: string; fields: Record<string, unknown> }[] = [];
    const stage = createAnalysisStage({
      conn,
      pool,
      k: 5,
      log: (event, fields = {}) => log.push({ event, fields }),
      now: () => NOW,
    });
    await stage.run();
    stage.markTouched(['WK900001|loneliness'], [mondayIsoDate(SPIKE_WEEK)]);
    await stage.run();
    conn.closeSync();

    expect(log.map((l) => [l.event, l.fields.series, l.fields.alarmRows])).toEqual([
      ['analysis.done', 0, 0],
      ['analysis.done', 0, 0],
    ]);
    const alarms = await levels(db, 'SELECT count(*)::INTEGER FROM alarms');
    expect(alarms[0]?.[0]).toBe(0);
  });
});
