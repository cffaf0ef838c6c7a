import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Signal } from '@wijksignaal/contracts/signal';
import { DEFAULT_QUALITY_SETTINGS, deliveryWeeksRead } from '@wijksignaal/domain/quality/quality-settings';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { deliveryTally } from '../aggregate/delivery-tally.ts';
import { openLiveDb, type LiveDb } from '../store/live-db.ts';
import { pruneDeliveries } from '../store/prune-deliveries.ts';
import { writeBatch } from '../store/write-batch.ts';
import { refreshQuality } from './refresh-quality.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-02T12:00:00Z');
const SETTINGS = { ...DEFAULT_QUALITY_SETTINGS, silentFloorMs: 60_000, silentCeilingMs: 3_600_000 };

function signal(partner: string, sourceKind: Signal['sourceKind'], wijk: string): AcceptedSignal {
  return {
    signal: { id: crypto.randomUUID(), partner, sourceKind } as Signal,
    wijk,
    gemeente: 'GM9901',
    weekMonday: '2026-11-02',
    partition: 0,
    offset: '0',
  };
}

/** A batch of delivery figures only. */
async function writeTally(db: LiveDb, tally: ReturnType<typeof deliveryTally>): Promise<void> {
  await writeBatch(db.writer, {
    topic: 't',
    partition: 0,
    nextOffset: '1',
    fresh: [],
    cells: [],
    outcomes: new Map(),
    deliveries: tally.delta(),
    at: NOW,
  });
}

describe('refreshQuality on a live database', () => {
  let dir: string;
  let db: LiveDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wijksignaal-quality-'));
    db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '128MB', threads: 1 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the silent partner’s alarm and the wijken it covers, and reports no change when judged again', async () => {
    // Ten weeks of 20 a day from two partners; school-b went on until now, thuiszorg-a stopped two hours ago.
    const tally = deliveryTally();
    for (let day = 70; day >= 0; day--) {
      for (let i = 0; i < 20; i++) {
        const at = NOW.getTime() - day * DAY - 3 * 3_600_000 - i * 60_000;
        tally.accept(signal('thuiszorg-a', 'home_care', i % 2 ? 'WK990101' : 'WK990102'), at + (day === 0 ? 60 * 60_000 : 0));
        tally.accept(signal('school-b', 'school', 'WK990103'), at + 3 * 3_600_000);
      }
    }
    await writeTally(db, tally);

    const first = await refreshQuality(db.writer, NOW, SETTINGS, null);
    expect(first.changed).toBe(true);
    const alarms = (
      await db.writer.runAndReadAll('SELECT partner, source_kind, kind, usual, why_en FROM quality_alarms')
    ).getRowsJS();
    expect(alarms).toEqual([
      ['thuiszorg-a', 'home_care', 'silent', 140, expect.stringContaining('Usually 140 signals a week; after 60 min')],
    ]);
    const wijken = (await db.writer.runAndReadAll('SELECT wijk, partner, kind FROM quality_wijken ORDER BY wijk')).getRowsJS();
    expect(wijken).toEqual([
      ['WK990101', 'thuiszorg-a', 'silent'],
      ['WK990102', 'thuiszorg-a', 'silent'],
    ]);
    const again = await refreshQuality(db.writer, NOW, SETTINGS, first.key);
    expect(again.changed).toBe(false);
  });

  it('judges the same after the delivery figures older than the rules read are pruned, and keeps only those weeks', async () => {
    // Thirty weeks of 10 a day; thuiszorg-a delivered far less in the last complete week and stopped a day ago.
    const tally = deliveryTally();
    for (let day = 210; day >= 1; day--) {
      const perDay = day <= 7 ? 1 : 10;
      for (let i = 0; i < perDay; i++) {
        const at = NOW.getTime() - day * DAY - i * 60_000;
        tally.accept(signal('thuiszorg-a', 'home_care', `WK9901${String(day % 7).padStart(2, '0')}`), at);
        tally.accept(signal('school-b', 'school', 'WK990103'), at + DAY - 60_000);
      }
      tally.reject('school-b', NOW.getTime() - day * DAY);
    }
    await writeTally(db, tally);
    const before = await refreshQuality(db.writer, NOW, SETTINGS, null);
    expect(before.judgement.alarms.map((a) => `${a.partner}|${a.kind}`)).toContain('thuiszorg-a|silent');
    expect(before.judgement.wijken.length).toBeGreaterThan(0);

    const keep = deliveryWeeksRead(SETTINGS);
    const pruned = await pruneDeliveries(db.writer, keep);
    expect(pruned.weeks).toBeGreaterThan(0);
    expect(pruned.wijkWeeks).toBeGreaterThan(0);
    const spans = (
      await db.writer.runAndReadAll(
        `SELECT partner, source_kind, date_diff('week', min(week), max(week))::INTEGER FROM delivery_weeks GROUP BY ALL ORDER BY ALL`,
      )
    ).getRowsJS();
    expect(spans).toEqual([
      ['school-b', '', keep],
      ['school-b', 'school', keep],
      ['thuiszorg-a', 'home_care', keep],
    ]);
    const oldWijkWeeks = await db.writer.runAndReadAll(
      `SELECT count(*)::INTEGER FROM delivery_wijk_weeks d
       WHERE week < (SELECT max(week) - to_weeks(${keep}) FROM delivery_weeks w WHERE w.partner = d.partner AND w.source_kind = d.source_kind)`,
    );
    expect(oldWijkWeeks.getRowsJS()).toEqual([[0]]);

    const after = await refreshQuality(db.writer, NOW, SETTINGS, before.key);
    expect(after.changed).toBe(false);
    expect(after.key).toBe(before.key);
  });
});
