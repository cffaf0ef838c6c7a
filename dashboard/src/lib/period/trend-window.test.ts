import { periodOf } from '@wijksignaal/domain/published/period-grid';
import { describe, expect, it } from 'vitest';
import { TREND_MIN_WEEKS, trendWindow } from './trend-window.ts';

const today = new Date(Date.UTC(2025, 4, 14)); // a Wednesday in 2025-W20

describe('the weeks a Wijk page trend shows', () => {
  it('shows a complete quarter or year as it is', () => {
    expect(trendWindow(periodOf('quarter', '2025-W10'), today)).toEqual({ from: '2025-W01', to: '2025-W13' });
    expect(trendWindow(periodOf('year', '2020-W20'), today)).toEqual({ from: '2020-W01', to: '2020-W53' });
  });

  it(`stretches a week or a 4-week period back to ${TREND_MIN_WEEKS} weeks ending with it`, () => {
    expect(trendWindow(periodOf('week', '2025-W07'), today)).toEqual({ from: '2024-W47', to: '2025-W07' });
    expect(trendWindow(periodOf('fourWeeks', '2025-W10'), today)).toEqual({ from: '2024-W52', to: '2025-W12' });
  });

  it('ends a running period with the current week', () => {
    expect(trendWindow(periodOf('year', '2025-W01'), today)).toEqual({ from: '2025-W01', to: '2025-W20' });
    expect(trendWindow(periodOf('quarter', '2025-W20'), today)).toEqual({ from: '2025-W08', to: '2025-W20' });
  });
});
