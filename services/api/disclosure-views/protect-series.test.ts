import { describe, expect, it } from 'vitest';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { StoredAlarmRow } from '../queries/alarm-rows.ts';
import { protectSeries } from './protect-series.ts';

const settings = { k: 5, minDenominator: 100 };

function verdict(week: IsoWeek, level: StoredAlarmRow['level']): StoredAlarmRow {
  return {
    wijk: 'WK000101',
    theme: 'loneliness',
    week,
    method: 'earsC2',
    observed: null,
    expected: 6.5,
    threshold: 12,
    alarm: level !== 'none',
    level,
    evaluated: true,
    baselineFrom: '2025-W01',
    baselineTo: '2025-W07',
  };
}

describe('protectSeries', () => {
  it('shows each published week as it is and a withheld one as <k, never anything else', () => {
    const out = protectSeries(
      [
        { week: '2025-W05', count: 7, partial: false, verdict: null },
        { week: '2025-W06', count: null, partial: false, verdict: null },
        { week: '2025-W07', count: 12, partial: true, verdict: null },
      ],
      settings,
    );
    expect(out.map((w) => w.count)).toEqual([7, { suppressed: true, display: '<5' }, 12]);
    expect(out.map((w) => w.partial)).toEqual([false, false, true]);
  });

  it('shows the stored expected value and threshold, also of a withheld week: detection read published counts only', () => {
    const [withheld, none] = protectSeries(
      [
        { week: '2025-W08', count: null, partial: false, verdict: verdict('2025-W08', 'amber') },
        { week: '2025-W09', count: 9, partial: false, verdict: null },
      ],
      settings,
    );
    expect(withheld).toMatchObject({ expected: 6.5, threshold: 12, level: 'amber', alarm: true, method: 'earsC2' });
    expect(none).toMatchObject({ expected: null, threshold: null, level: 'none', alarm: false, method: null });
  });
});
