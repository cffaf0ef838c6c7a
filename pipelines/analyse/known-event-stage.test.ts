import { afterAll, describe, expect, it } from 'vitest';
import { mondayIsoDate, mondayOfIsoWeek, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { LiveDb } from '../store/live-db.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { createDetectionPool } from './detection-pool.ts';
import { appendCube, cubeRow, outbreakClock, runOutbreak, useOutbreakDb, W, type SimulatedClock } from './outbreak-simulation.ts';
import { levels } from './stage-test-cube.ts';
import { DETECT_SERIES_DEFAULTS } from './detect-series.ts';
import { replayAlarms } from '../replay/replay-alarms.ts';

const pool = createDetectionPool(1);
afterAll(() => pool.close());

const ALARM = `WK900001.loneliness.${W(2)}`;

/** Each method's expected count, level and params of one of WK900001's weeks. */
async function week(db: LiveDb, w: IsoWeek): Promise<{ method: string; expected: number; level: string; params: Record<string, unknown> }[]> {
  const rows = await levels(
    db,
    `SELECT method, expected, level, params FROM alarms WHERE wijk = 'WK900001' AND week = '${mondayIsoDate(w)}' AND reason IS NULL ORDER BY method`,
  );
  return rows.map((r) => ({ method: String(r[0]), expected: Number(r[1]), level: String(r[2]), params: JSON.parse(String(r[3])) }));
}

/** A mark made a minute after the clock's time; the clock then moves on past it, as time does before the next run. */
async function mark(db: LiveDb, clock: SimulatedClock, id: string, status: string): Promise<void> {
  const at = new Date(clock.now.getTime() + 60_000);
  clock.now = new Date(at.getTime() + 60_000);
  await db.writer.run(`INSERT INTO alarm_triage VALUES ($1, $2, $3, 'test', 'lead', 'team_lead', $4::TIMESTAMP)`, [
    `mark-${at.getTime()}`,
    id,
    status,
    at.toISOString(),
  ]);
}

describe('known-event marks in the analysis stage (real DuckDB file)', () => {
  const file = useOutbreakDb('wijksignaal-known-');

  it('an outbreak marked known_event leaves later baselines: their expected values drop, a second rise is flagged, params name the weeks', async () => {
    const log: Record<string, unknown>[] = [];
    const db = file();
    const clock = outbreakClock();
    const conn = await db.instance.connect();
    const stage = createAnalysisStage({ conn, pool, k: 5, log: (_e, fields = {}) => log.push(fields), now: () => clock.now });
    await runOutbreak(db, stage, clock);
    // A second, smaller rise in W(12), judged once W(13) runs.
    clock.now = new Date(mondayOfIsoWeek(W(12)).getTime() + 2 * 86_400_000);
    await appendCube(db, [cubeRow('WK900001', W(12), 22)]);
    stage.markTouched(['WK900001|loneliness'], [mondayIsoDate(W(12))]);
    await stage.run();
    clock.now = new Date(mondayOfIsoWeek(W(13)).getTime() + 3_600_000);
    await stage.run();
    const inflated = await week(db, W(12));
    expect(inflated.every((r) => r.level === 'none' && r.params.knownEventWeeks === undefined)).toBe(true);
    const outbreak = await week(db, W(4));
    const eventsBefore = await levels(db, `SELECT count(*)::INTEGER FROM alarm_events WHERE alarm_id = '${ALARM}'`);

    // Marked known_event after the runs that wrote its events: the next run detects the series again from its first week.
    await mark(db, clock, ALARM, 'known_event');
    await stage.run();
    expect(log.at(-1)).toMatchObject({ full: false, series: 1 });
    const cleaned = await week(db, W(12));
    const flagged = cleaned.filter((r) => r.level !== 'none');
    expect(flagged.map((r) => r.method)).toEqual(expect.arrayContaining(['earsC1', 'earsC2']));
    expect(cleaned.some((r) => r.level === 'red')).toBe(true);
    // Each method's expected value falls from the outbreak's level towards the usual 6 and 10.
    for (const row of cleaned) {
      const was = inflated.find((r) => r.method === row.method)?.expected ?? (inflated[0] as { expected: number }).expected;
      expect(row.expected).toBeLessThan(was * 0.5);
      expect(row.expected).toBeLessThan(12);
    }
    // The params name the known-event weeks each baseline read (C2: 3 to 9 weeks back, C1: 1 to 7).
    const c2 = cleaned.find((r) => r.method === 'earsC2');
    expect(c2?.params.knownEventWeeks).toEqual([W(3), W(4), W(5), W(6), W(7)]);
    expect(cleaned.find((r) => r.method === 'earsC1')?.params.knownEventWeeks).toEqual([W(5), W(6), W(7)]);
    // A week of the marked alarm keeps its own verdict, and its events stay; the rise opens an alarm of its own.
    expect(await week(db, W(4))).toEqual(outbreak);
    const secondRise = await levels(db, `SELECT kind, level FROM alarm_events WHERE alarm_id = 'WK900001.loneliness.${W(12)}'`);
    expect(secondRise[0]?.[0]).toBe('opened');
    const eventsAfter = await levels(db, `SELECT count(*)::INTEGER FROM alarm_events WHERE alarm_id = '${ALARM}' AND kind = 'withdrawn'`);
    expect(eventsBefore[0]?.[0]).toBeGreaterThan(0);
    expect(eventsAfter[0]?.[0]).toBe(0);

    // A restart trusts the stored rows while the marks are as they were; a mark that came in meanwhile makes it a full run.
    const restart = async () => {
      const stage2 = createAnalysisStage({ conn, pool, k: 5, log: (_e, fields = {}) => log.push(fields), now: () => clock.now });
      await stage2.resume();
      await stage2.run();
      return stage2;
    };
    await restart();
    expect(log.at(-1)).toMatchObject({ reason: 'alarms current as of the consumed offsets' });
    await mark(db, clock, ALARM, 'false_alarm');
    const restarted = await restart();
    expect(log.at(-1)).toMatchObject({ full: true });
    // The later mark undid it: the week is judged on the inflated baseline again, to the digit.
    expect(await week(db, W(12))).toEqual(inflated);

    // Marked again: the running stage sees the change without a restart.
    await mark(db, clock, ALARM, 'known_event');
    await restarted.run();
    expect(log.at(-1)).toMatchObject({ full: false, series: 1 });
    expect(await week(db, W(12))).toEqual(cleaned);
    // A full run from scratch (no marker) stores what the runs that followed the marks stored.
    await createAnalysisStage({ conn, pool, k: 5, log: (_e, fields = {}) => log.push(fields), now: () => clock.now }).run();
    expect(log.at(-1)).toMatchObject({ full: true, alarmEvents: 0 });
    expect(await week(db, W(12))).toEqual(cleaned);
    conn.closeSync();

    // The replay reads the marks too, so it reproduces the alarms stored after them exactly.
    file.close();
    const replay = await replayAlarms({ db: db.path, from: W(0), to: W(12), changed: [], detect: DETECT_SERIES_DEFAULTS });
    expect(replay.alarms.map((a) => [a.alarmId, a.status])).toEqual([
      [ALARM, 'same'],
      [`WK900001.loneliness.${W(12)}`, 'same'],
    ]);
    // About thirty analysis runs on a real file: a deadline for a loaded machine, not a timing.
  }, 60_000);
});
