import { describe, expect, it } from 'vitest';
import { isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { gridPeriod, latestCompletePeriod, periodOf, periodsContaining, periodsOverlapping, periodWeeks } from './period-grid.ts';

describe('the fixed period grid', () => {
  it('tiles every ISO year exactly with each kind, week 53 included', () => {
    for (const year of [2020, 2024, 2026]) {
      const weeks = isoWeekRange(`${year}-W01`, periodOf('year', `${year}-W01`).to);
      for (const kind of ['week', 'fourWeeks', 'quarter', 'year'] as const) {
        const periods = periodsOverlapping(kind, weeks[0]!, weeks.at(-1)!);
        expect(periods.flatMap(periodWeeks)).toEqual(weeks);
      }
    }
    expect(periodOf('year', '2020-W10').to).toBe('2020-W53');
    expect(periodOf('quarter', '2020-W53')).toMatchObject({ from: '2020-W40', to: '2020-W53', label: '2020-Q4' });
    expect(periodOf('fourWeeks', '2020-W53')).toMatchObject({ from: '2020-W49', to: '2020-W53', label: '2020-P13' });
    expect(periodOf('fourWeeks', '2025-W07')).toMatchObject({ from: '2025-W05', to: '2025-W08', label: '2025-P02' });
  });

  it('accepts exactly the grid windows and nothing in between', () => {
    expect(gridPeriod('2025-W01', '2025-W13')?.kind).toBe('quarter');
    expect(gridPeriod('2025-W09', '2025-W12')?.kind).toBe('fourWeeks');
    expect(gridPeriod('2025-W09', '2025-W09')?.kind).toBe('week');
    expect(gridPeriod('2025-W01', '2025-W52')?.kind).toBe('year');
    expect(gridPeriod('2025-W01', '2025-W08')).toBeNull();
    expect(gridPeriod('2025-W02', '2025-W14')).toBeNull();
    expect(gridPeriod('2024-W40', '2025-W13')).toBeNull();
  });

  it('lists the periods a week counts towards and the newest complete one', () => {
    expect(periodsContaining('2025-W14').map((p) => p.label)).toEqual(['2025-W14', '2025-P04', '2025-Q2', '2025']);
    expect(latestCompletePeriod('quarter', '2025-W13').label).toBe('2025-Q1');
    expect(latestCompletePeriod('quarter', '2025-W12').label).toBe('2024-Q4');
    expect(latestCompletePeriod('fourWeeks', '2026-W01').label).toBe('2025-P13');
  });
});
