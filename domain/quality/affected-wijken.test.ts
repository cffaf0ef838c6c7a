import { describe, expect, it } from 'vitest';
import { affectedWijken } from './affected-wijken.ts';
import type { DeliveryWijkWeek } from './delivery-figures.ts';
import { addWeeks } from './delivery-week.ts';
import type { QualityAlarm } from './quality-alarm.ts';
import { DEFAULT_QUALITY_SETTINGS as SETTINGS } from './quality-settings.ts';

const CURRENT = '2026-11-30';
const JUDGED = addWeeks(CURRENT, -1);

function alarm(partner: string, sourceKind: string, kind: QualityAlarm['kind']): QualityAlarm {
  return {
    partner,
    sourceKind,
    kind,
    week: kind === 'silent' ? CURRENT : JUDGED,
    usual: 10,
    observed: null,
    pValue: null,
    lastDeliveryAt: kind === 'silent' ? Date.parse(`${CURRENT}T08:00:00Z`) : null,
    silentAfterMs: null,
    why: { nl: '', en: '' },
  };
}

function delivered(partner: string, sourceKind: string, wijk: string, weeksBack: readonly number[]): DeliveryWijkWeek[] {
  return weeksBack.map((back) => ({ partner, sourceKind, wijk, week: addWeeks(CURRENT, -back) }));
}

describe('affectedWijken', () => {
  it('marks the wijken a silent stream usually delivers for, not a one-off one nor another stream', () => {
    const rows = [
      ...delivered('thuiszorg-a', 'home_care', 'WK000101', [1, 2, 3, 4]),
      ...delivered('thuiszorg-a', 'home_care', 'WK000102', [3, 6]),
      ...delivered('thuiszorg-a', 'home_care', 'WK000103', [2]),
      ...delivered('thuiszorg-a', 'home_care', 'WK000104', [9, 10, 11]),
      ...delivered('thuiszorg-a', 'elderly_work', 'WK000105', [1, 2, 3]),
      ...delivered('school-b', 'school', 'WK000106', [1, 2, 3]),
    ];
    expect(affectedWijken([alarm('thuiszorg-a', 'home_care', 'silent')], rows, SETTINGS)).toEqual([
      { wijk: 'WK000101', partner: 'thuiszorg-a', sourceKind: 'home_care', kind: 'silent' },
      { wijk: 'WK000102', partner: 'thuiszorg-a', sourceKind: 'home_care', kind: 'silent' },
    ]);
  });

  it('uses the weeks before the judged one for a low week, and marks nothing for rejections', () => {
    const rows = [
      ...delivered('school-b', 'school', 'WK000106', [1, 2, 3]),
      ...delivered('school-b', 'school', 'WK000107', [1, 9]),
    ];
    expect(affectedWijken([alarm('school-b', 'school', 'low_volume')], rows, SETTINGS).map((w) => w.wijk)).toEqual(['WK000106']);
    expect(affectedWijken([alarm('school-b', '', 'rejections_up')], rows, SETTINGS)).toEqual([]);
  });
});
