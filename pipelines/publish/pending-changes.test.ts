import { describe, expect, it } from 'vitest';
import { addIsoWeeks, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { periodWeeks } from '@wijksignaal/domain/published/period-grid';
import type { CubeCell } from '../aggregate/cube-delta.ts';
import { PendingChanges } from './pending-changes.ts';
import { periodsTouched, type PublishedPeriod } from './published-counts.ts';

function cellsOf(theme: string, from: IsoWeek, weeks: number): CubeCell[] {
  return Array.from({ length: weeks }, (_, i) => ({
    wijk: 'WK034401',
    weekMonday: mondayIsoDate(addIsoWeeks(from, i)),
    theme,
    category: 'social',
    sourceKind: 'home_care',
    ageBand: '75+',
    n: 1,
    signals: 1,
    high: 0,
    keySum: 0,
    cell: i,
  }));
}

const key = (p: PublishedPeriod) => `${p.theme}|${p.period.kind}|${p.period.from}`;
const weeksOf = (periods: readonly PublishedPeriod[]) => periods.reduce((n, p) => n + periodWeeks(p.period).length, 0);

describe('PendingChanges', () => {
  it('drains a backfill a budget at a time, periods touched since the last snapshot first, none lost', () => {
    const pending = new PendingChanges();
    const backfill = cellsOf('loneliness', '2022-W01' as IsoWeek, 150);
    pending.addCells(backfill);
    const all = new Set(periodsTouched(backfill).map(key));
    const first = pending.take(200);
    expect(weeksOf(first.periods)).toBeLessThanOrEqual(200);
    expect(pending.size).toBe(all.size - first.periods.length);

    const steady = cellsOf('escalation', '2025-W30' as IsoWeek, 1);
    pending.addCells(steady);
    const second = pending.take(200);
    const steadyPeriods = periodsTouched(steady).map(key);
    expect(second.periods.slice(0, steadyPeriods.length).map(key)).toEqual(steadyPeriods);
    expect(weeksOf(second.periods)).toBeLessThanOrEqual(200);

    const taken = [...first.periods, ...second.periods];
    while (pending.size > 0) taken.push(...pending.take(200).periods);
    expect(new Set(taken.map(key))).toEqual(new Set([...all, ...steadyPeriods]));
    expect(taken).toHaveLength(all.size + steadyPeriods.length);
  });

  it('takes everything without a budget (a full write) and puts a failed delta back', () => {
    const pending = new PendingChanges();
    pending.addCells(cellsOf('loneliness', '2024-W01' as IsoWeek, 60));
    pending.addAnalysis({ alarms: 'all', priorities: true });
    const delta = pending.take();
    expect(pending.size).toBe(0);
    expect(pending.hasAnalysis()).toBe(false);
    pending.restore(delta);
    expect(pending.size).toBe(delta.periods.length);
    expect(pending.take()).toEqual(delta);
  });

  it('a light take hands over only the weeks just touched; 4-week periods, quarters, years, the backlog and alarms stay', () => {
    const pending = new PendingChanges();
    pending.addCells(cellsOf('loneliness', '2022-W01' as IsoWeek, 20));
    pending.take(13); // leaves a backlog
    const backlog = pending.size;
    const steady = cellsOf('escalation', '2025-W30' as IsoWeek, 2);
    pending.addCells(steady);
    pending.addAnalysis({ alarms: new Set(['WK034401|escalation']), priorities: false });
    expect(pending.hasRecentShort()).toBe(true);

    const light = pending.takeRecentShort(520);
    const kinds = (periods: readonly PublishedPeriod[]) => periods.map((p) => `${p.theme} ${p.period.kind}`);
    expect(kinds(light.periods)).toEqual(['escalation week', 'escalation week']);
    expect(light.alarms).toEqual(new Set());
    expect(pending.hasRecentShort()).toBe(false);
    expect(pending.hasHeavyWork()).toBe(true);

    // The heavy take that follows starts with the long periods of the same weeks, then the backlog.
    const heavy = pending.take(520);
    expect(kinds(heavy.periods.slice(0, 3))).toEqual(['escalation fourWeeks', 'escalation quarter', 'escalation year']);
    expect(heavy.alarms).toEqual(new Set(['WK034401|escalation']));
    expect(heavy.periods.length + pending.size).toBe(3 + backlog);
  });
});
