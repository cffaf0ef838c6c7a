import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIsoWeeks, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { writeRegistry } from '../store/write-registry.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { DETECT_SERIES_DEFAULTS } from './detect-series.ts';
import { createDetectionPool } from './detection-pool.ts';
import { CURRENT, keyed, levels, NOW, registry, writeCube } from './stage-test-cube.ts';

// Runs that detect only part of the weeks must leave exactly the rows a full run leaves.
const pool = createDetectionPool(1);
afterAll(() => pool.close());

const WEEK_MS = 7 * 86_400_000;
const ALL_ROWS = 'SELECT * FROM alarms ORDER BY wijk, theme, week, method';

describe('analysis stage: detecting only what changed', () => {
  let dir: string;
  let db: LiveDb;
  let now: Date;
  const log: { event: string; fields: Record<string, unknown> }[] = [];
  const stage = () =>
    createAnalysisStage({
      conn: db.writer,
      pool,
      k: 5,
      log: (event, fields = {}) => log.push({ event, fields }),
      now: () => now,
    });
  /** The rows a fresh stage's full run stores now, on the same data. */
  async function fullRunRows(): Promise<unknown[][]> {
    await stage().run();
    expect(log.at(-1)?.fields).toMatchObject({ full: true, scoped: false });
    return levels(db, ALL_ROWS);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-analyse-scope-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '256MB', threads: 1 });
    await writeRegistry(db.writer, registry, []);
    await writeCube(db);
    now = NOW;
    log.length = 0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in a new ISO week re-detects only the recent weeks, and stores the rows a full run stores', async () => {
    const running = stage();
    await running.run();
    const fullRows = log.at(-1)?.fields.alarmRows as number;
    // Last week's running count becomes complete, with an outbreak in it.
    await db.writer.run(
      `INSERT INTO cube_rows ${keyed([`('WK900002', '${mondayIsoDate(CURRENT)}', 'loneliness', 'social', 'social_team', '25-44', 40, 1, 0)`])}`,
    );
    running.markTouched(['WK900002|loneliness'], [mondayIsoDate(CURRENT)]);
    now = new Date(NOW.getTime() + WEEK_MS);
    await running.run();
    expect(log.at(-1)?.fields).toMatchObject({ full: true, scoped: true, series: 3 });
    // Three series × (last week, this week, the week that left Farrington's window), and the flagged week's methods.
    expect(log.at(-1)?.fields.alarmRows).toBeLessThan(fullRows / 10);
    const scoped = await levels(db, ALL_ROWS);
    expect(scoped.some((r) => r[0] === 'WK900002' && r[10] === 'red')).toBe(true);
    expect(scoped).toEqual(await fullRunRows());
  });

  it('after a batch that changes an old week re-detects that week and every later one, as a full run would', async () => {
    const running = stage();
    await running.run();
    const old = addIsoWeeks(CURRENT, -20);
    await db.writer.run(
      `INSERT INTO cube_rows ${keyed([`('WK900002', '${mondayIsoDate(old)}', 'loneliness', 'social', 'social_team', '25-44', 37, 1, 0)`])}`,
    );
    running.markTouched(['WK900002|loneliness'], [mondayIsoDate(old)]);
    await running.run();
    // The touched series from the old week on: 21 weeks, more where a week flagged.
    expect(log.at(-1)?.fields).toMatchObject({ full: false, scoped: true, series: 1 });
    expect(log.at(-1)?.fields.alarmRows).toBeGreaterThanOrEqual(21);
    expect(log.at(-1)?.fields.alarmRows).toBeLessThan(21 * 4);
    const scoped = await levels(db, ALL_ROWS);
    const red = await levels(db, `SELECT count(*)::INTEGER FROM alarms WHERE wijk = 'WK900002' AND week = '${mondayIsoDate(old)}' AND level = 'red'`);
    expect(red[0]?.[0]).toBeGreaterThan(0);
    expect(scoped).toEqual(await fullRunRows());
  });

  it('a restart with the marker current skips the full run; one with new offsets does not', async () => {
    await db.writer.run(`INSERT INTO consumer_offsets VALUES ('signals', 0, 100)`);
    await stage().run();
    const before = await levels(db, ALL_ROWS);

    const restarted = stage();
    await restarted.resume();
    const changes = await restarted.run();
    expect(log.at(-1)?.event).toBe('analysis.skipped');
    expect(changes).toEqual({ alarms: new Set(), priorities: true });
    expect(await levels(db, ALL_ROWS)).toEqual(before);

    // A week later, with nothing consumed since, the restart detects only that week's changes.
    now = new Date(NOW.getTime() + WEEK_MS);
    const nextWeek = stage();
    await nextWeek.resume();
    await nextWeek.run();
    expect(log.at(-1)?.fields).toMatchObject({ full: true, scoped: true });

    // Other detection settings: the stored rows are not theirs.
    const retuned = createAnalysisStage({
      conn: db.writer,
      pool,
      k: 5,
      detect: { ...DETECT_SERIES_DEFAULTS, farringtonWeeks: 4 },
      log: (event, fields = {}) => log.push({ event, fields }),
      now: () => now,
    });
    await retuned.resume();
    await retuned.run();
    expect(log.at(-1)?.fields).toMatchObject({ full: true, scoped: false });
    await stage().run();

    await db.writer.run(`UPDATE consumer_offsets SET next_offset = 101`);
    const behind = stage();
    await behind.resume();
    await behind.run();
    expect(log.at(-1)?.fields).toMatchObject({ full: true, scoped: false });
  });
});
