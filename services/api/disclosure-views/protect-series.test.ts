import { describe, expect, it } from 'vitest';
import { isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import { protectSeries } from './protect-series.ts';

const settings = { k: 5, minDenominator: 100 };

function verdict(week: IsoWeek, baselineFrom: IsoWeek | null, baselineTo: IsoWeek | null): StoredAlarmRow {
  return {
    wijk: 'WK000101',
    theme: 'loneliness',
    week,
    method: 'earsC2',
    observed: 0,
    expected: 6.5,
    threshold: 12,
    alarm: false,
    level: 'none',
    evaluated: true,
    baselineFrom,
    baselineTo,
  };
}

describe('protectSeries', () => {
  it('hides expected and threshold whose baseline holds a small week, even one before the period', () => {
    const counts = new Map<IsoWeek, number>([
      ['2025-W01', 3],
      ['2025-W05', 8],
      ['2025-W06', 9],
      ['2025-W08', 7],
    ]);
    const weeks = isoWeekRange('2025-W05', '2025-W08').map((week) => ({
      week,
      partial: false,
      verdict:
        week === '2025-W08'
          ? verdict(week, '2025-W01', '2025-W07')
          : week === '2025-W07'
            ? verdict(week, '2025-W05', '2025-W06')
            : null,
    }));
    const out = protectSeries(weeks, counts, settings);
    const byWeek = new Map(out.map((w) => [w.week, w]));
    expect(byWeek.get('2025-W08')).toMatchObject({
      count: 7,
      expected: { suppressed: true, display: 'x' },
      threshold: { suppressed: true, display: 'x' },
    });
    expect(byWeek.get('2025-W07')).toMatchObject({ count: 0, expected: 6.5, threshold: 12, method: 'earsC2' });
    expect(byWeek.get('2025-W05')).toMatchObject({ expected: null, threshold: null, level: 'none', method: null });
  });

  it('hides a small week, its complement, and figures of hidden weeks or an unknown baseline', () => {
    const counts = new Map<IsoWeek, number>([
      ['2025-W05', 2],
      ['2025-W06', 9],
      ['2025-W07', 12],
    ]);
    const weeks = isoWeekRange('2025-W05', '2025-W07').map((week) => ({
      week,
      partial: false,
      verdict: week === '2025-W07' ? verdict(week, null, null) : verdict(week, '2024-W40', '2024-W46'),
    }));
    const out = protectSeries(weeks, counts, settings);
    expect(out.map((w) => w.count)).toEqual([{ suppressed: true, display: '<5' }, { suppressed: true, display: 'x' }, 12]);
    expect(out.map((w) => w.expected)).toEqual([
      { suppressed: true, display: 'x' },
      { suppressed: true, display: 'x' },
      { suppressed: true, display: 'x' },
    ]);
  });
});
