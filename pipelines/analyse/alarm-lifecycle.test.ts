import { afterAll, describe, expect, it } from 'vitest';
import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import type { LiveDb } from '../store/live-db.ts';
import { ALARM_CODE_VERSION } from './alarms-marker.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { createDetectionPool } from './detection-pool.ts';
import { eventTexts, lateOutbreak, outbreakClock, runOutbreak, useOutbreakDb, W } from './outbreak-simulation.ts';
import { levels } from './stage-test-cube.ts';

const pool = createDetectionPool(1);
afterAll(() => pool.close());

async function events(db: LiveDb, wijk: string): Promise<string[]> {
  const rows = await levels(db, `SELECT kind, strftime(week, '%G-W%V'), level, alarm_id FROM alarm_events WHERE wijk = '${wijk}' ORDER BY seq`);
  return rows.map((r) => r.join(' '));
}

describe('alarm events over a simulated outbreak (analysis stage, real DuckDB file)', () => {
  const file = useOutbreakDb('wijksignaal-lifecycle-');

  it('opens in the first flagged week, escalates, updates, closes in the first quiet one, and never rewrites a row', async () => {
    const db = file();
    const clock = outbreakClock();
    const conn = await db.instance.connect();
    const stage = createAnalysisStage({ conn, pool, k: 5, log: () => undefined, now: () => clock.now });
    let before: string[] = [];
    const growth: number[] = [];
    await runOutbreak(db, stage, clock, async () => {
      const after = await eventTexts(db);
      expect(after.slice(0, before.length)).toEqual(before);
      growth.push(after.length - before.length);
      before = after;
    });
    const id = `WK900001.loneliness.${W(2)}`;
    const lifecycle = await events(db, 'WK900001');
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
    // Nothing for the other wijk; nothing appended while the outbreak's first week was still running.
    expect(await events(db, 'WK900002')).toEqual([]);
    expect(growth.slice(0, 3)).toEqual([0, 0, 0]);
    const stamped = await levels(db, `SELECT DISTINCT method_version, offsets, settings LIKE '{%' FROM alarm_events`);
    expect(stamped.every((r) => /-\d+$/.test(String(r[0])) && r[1] === '{}' && r[2] === true)).toBe(true);

    // Late data for a quiet wijk's past week, still among the judged ones: an alarm that opens in that week
    // is appended; every earlier row stays as it was.
    const settled = await eventTexts(db);
    await lateOutbreak(db, stage);
    const late = await eventTexts(db);
    expect(late.slice(0, settled.length)).toEqual(settled);
    const lateEvents = await events(db, 'WK900002');
    expect(lateEvents[0]).toBe(`opened ${W(10)} red WK900002.loneliness.${W(10)}`);
    expect(lateEvents.slice(1).every((e) => /^(updated|escalated|closed) /.test(e) && e.split(' ')[1]! > W(10))).toBe(true);
    // A run over the same counts appends nothing.
    stage.markTouched(['WK900001|loneliness', 'WK900002|loneliness'], [mondayIsoDate(W(8))]);
    await stage.run();
    expect(await eventTexts(db)).toEqual(late);
    conn.closeSync();
  });

  it('after an upgrade from a marker of the code before alarm events, the first run is a full one and keeps the judged weeks as events', async () => {
    const db = file();
    const clock = outbreakClock();
    const conn = await db.instance.connect();
    const before = createAnalysisStage({ conn, pool, k: 5, log: () => undefined, now: () => clock.now });
    await runOutbreak(db, before, clock);
    const restart = async (marker: string) => {
      // A file the code before wrote: alarm rows and a current marker, no events.
      await db.writer.run('DELETE FROM alarm_events');
      await db.writer.run(`UPDATE alarms_marker SET settings = replace(settings, '${ALARM_CODE_VERSION}', '${marker}')`);
      const log: Record<string, unknown>[] = [];
      const stage = createAnalysisStage({ conn, pool, k: 5, log: (_event, fields = {}) => log.push(fields), now: () => clock.now });
      await stage.resume();
      await stage.run();
      return { log, events: await events(db, 'WK900001') };
    };
    // With the marker of this code the restart trusts the stored rows and detects nothing: that is why the version moved.
    const current = await restart(ALARM_CODE_VERSION);
    expect(current.events).toEqual([]);
    const upgraded = await restart('verdict-rows-1');
    expect(upgraded.log.some((fields) => fields.full === true)).toBe(true);
    // The history starts at the judged weeks (the last 8 complete ones): the episode is seen from there on.
    expect(upgraded.events[0]).toBe(`opened ${W(4)} red WK900001.loneliness.${W(4)}`);
    expect(upgraded.events.at(-1)).toBe(`closed ${W(8)} none WK900001.loneliness.${W(4)}`);
    conn.closeSync();
  });
});
