import { describe, expect, it } from 'vitest';
import { addIsoWeeks, isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { seededRandom } from '@wijksignaal/areas/seeded-random';
import { worstLevel } from '@wijksignaal/domain/priority/alarm-level';
import { buildWeeklySeries, type WeeklyPoint } from '../detect/weekly-series.ts';
import { DETECT_SERIES_DEFAULTS, detectSeries } from './detect-series.ts';
import { poisson } from './stage-test-cube.ts';

function series(counts: readonly number[], last = '2026-W48'): WeeklyPoint[] {
  const from = addIsoWeeks(last, -(counts.length - 1));
  return buildWeeklySeries(
    isoWeekRange(from, last).map((week, i) => ({ week, count: counts[i] ?? 0 })),
    { from, to: last, currentWeek: last },
  );
}

function poissonCounts(weeks: number, mean: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: weeks }, () => poisson(random, mean));
}

describe('detectSeries', () => {
  it.each([
    ['all zeros, four years', Array.from({ length: 209 }, () => 0)],
    ['one week', [0]],
    ['six weeks', [1, 0, 2, 0, 0, 1]],
    ['exactly seven complete weeks', [0, 0, 0, 0, 0, 0, 0, 3]],
  ])('never throws and explains itself: %s', (_name, counts) => {
    const rows = detectSeries('WK000001', 'loneliness', series(counts));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.level === 'none' || row.reason === null).toBe(true);
      expect(() => JSON.parse(row.params) as unknown).not.toThrow();
    }
    const last = rows.filter((r) => r.week === '2026-W48');
    expect(last.every((r) => r.reason !== null && !r.alarm)).toBe(true);
  });

  it('says why nothing ran on a short series', () => {
    const rows = detectSeries('WK000001', 'loneliness', series([1, 0, 2]));
    expect(rows.every((r) => r.reason !== null && /complete week/.test(r.reason))).toBe(true);
  });

  it('keeps the most recent weeks only: every method in a flagged week, the verdict alone in a quiet one', () => {
    const counts = poissonCounts(209, 3, 1);
    counts[205] = 25; // a flagged week inside Farrington's weeks
    const rows = detectSeries('WK000001', 'escalation', series(counts), { ...DETECT_SERIES_DEFAULTS, keepWeeks: 20, farringtonWeeks: 5 });
    const byWeek = new Map<string, typeof rows>();
    for (const row of rows) byWeek.set(row.week, [...(byWeek.get(row.week) ?? []), row]);
    expect(byWeek.size).toBe(20);
    const flagged = addIsoWeeks('2026-W48', -3);
    expect(byWeek.get(flagged)?.map((r) => r.method).sort()).toEqual(['cusum', 'earsC1', 'earsC2', 'earsC3', 'farrington']);
    for (const [week, weekRows] of byWeek) {
      if (worstLevel(weekRows.map((r) => r.level)) !== 'none') continue;
      expect(weekRows).toHaveLength(1);
      // Farrington is the verdict of a quiet week it judged (the last 5 complete ones), EARS C2 before them.
      const farringtonWeek = week > addIsoWeeks('2026-W48', -6) && week < '2026-W48';
      if (week !== '2026-W48') expect(weekRows[0]?.method).toBe(farringtonWeek ? 'farrington' : 'earsC2');
    }
    expect(byWeek.get('2026-W48')?.[0]?.reason).toMatch(/running/);
  });

  it('detects only the weeks of its scope, with the same rows a whole run gives them', () => {
    const counts = poissonCounts(209, 3, 4);
    counts[206] = 20;
    const whole = detectSeries('WK000001', 'escalation', series(counts));
    const from = addIsoWeeks('2026-W48', -2);
    const also = [addIsoWeeks('2026-W48', -12)];
    const scoped = detectSeries('WK000001', 'escalation', series(counts), DETECT_SERIES_DEFAULTS, { from, also });
    expect(scoped).toEqual(whole.filter((r) => r.week >= from || r.week === also[0]));
    expect(new Set(scoped.map((r) => r.week)).size).toBe(4);
  });

  it('crosses ISO week 53 (2026 has 53 weeks)', () => {
    const rows = detectSeries('WK000001', 'loneliness', series(poissonCounts(100, 2, 2), '2027-W02'));
    expect(rows.some((r) => r.week === '2026-W53')).toBe(true);
  });

  it('marks a spike of 30 in a flat Poisson series red and the flat weeks before it quiet', () => {
    const counts = poissonCounts(209, 2, 3);
    counts[207] = 30; // the last complete week; 208 is the running week
    const rows = detectSeries('WK000001', 'loneliness', series(counts));
    const spikeWeek = addIsoWeeks('2026-W48', -1);
    expect(worstLevel(rows.filter((r) => r.week === spikeWeek).map((r) => r.level))).toBe('red');
    expect(rows.find((r) => r.week === spikeWeek && r.method === 'farrington')?.level).toBe('red');
  });
});
