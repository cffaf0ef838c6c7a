import { describe, expect, it } from 'vitest';
import { WHOLE_STREAM, type DeliveryWeek } from './delivery-figures.ts';
import { addWeeks, deliveryWeekOf } from './delivery-week.ts';
import { judgeDeliveries } from './judge-deliveries.ts';
import { DEFAULT_QUALITY_SETTINGS as SETTINGS } from './quality-settings.ts';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const CURRENT = deliveryWeekOf(NOW);
const HOUR = 3_600_000;

/** `counts[i]` accepted signals in the week i+1 weeks before the current one (index 0 = last complete week). */
function history(
  partner: string,
  sourceKind: string,
  counts: readonly number[],
  rejected: readonly number[] = [],
): DeliveryWeek[] {
  const rows: DeliveryWeek[] = [];
  counts.forEach((accepted, i) => {
    const week = addWeeks(CURRENT, -(i + 1));
    const lastAt = Date.parse(`${week}T00:00:00Z`) + 6 * 24 * HOUR;
    if (accepted > 0) rows.push({ partner, sourceKind, week, accepted, rejected: 0, lastAt });
    const r = rejected[i] ?? 0;
    if (r > 0) rows.push({ partner, sourceKind: WHOLE_STREAM, week, accepted: 0, rejected: r, lastAt });
  });
  return rows;
}

/** A delivery in the current week, `hoursAgo` before now. */
function recent(partner: string, sourceKind: string, accepted: number, hoursAgo: number): DeliveryWeek {
  return { partner, sourceKind, week: CURRENT, accepted, rejected: 0, lastAt: NOW - hoursAgo * HOUR };
}

describe('judgeDeliveries', () => {
  it('raises nothing for a steady partner', () => {
    const weeks = [
      ...history('thuiszorg-a', 'home_care', [200, 190, 210, 205, 195, 200, 198, 202, 201]),
      recent('thuiszorg-a', 'home_care', 50, 0.2),
    ];
    expect(judgeDeliveries(weeks, NOW, SETTINGS)).toEqual([]);
  });

  it('calls a busy stream silent after its rhythm says, and says since when and why', () => {
    // 200 a week: ln(1000)·168 h / 200 ≈ 5.8 h, below the 6 h floor, so 6 h.
    const base = history('thuiszorg-a', 'home_care', [200, 190, 210, 205, 195, 200, 198, 202, 201]);
    expect(judgeDeliveries([...base, recent('thuiszorg-a', 'home_care', 40, 5.9)], NOW, SETTINGS)).toEqual([]);
    const [alarm, ...rest] = judgeDeliveries([...base, recent('thuiszorg-a', 'home_care', 40, 6.1)], NOW, SETTINGS);
    expect(rest).toEqual([]);
    expect(alarm).toMatchObject({
      partner: 'thuiszorg-a',
      sourceKind: 'home_care',
      kind: 'silent',
      usual: 200,
      silentAfterMs: 6 * HOUR,
    });
    expect(alarm?.why.nl).toContain('Niets ontvangen sinds 2026-12-02 05:54 UTC');
    expect(alarm?.why.nl).toContain('Gewoonlijk 200 signalen per week');
    expect(alarm?.why.en).toContain('after 6 hours without a delivery');
  });

  it('waits longer for a sparse stream, up to the ceiling', () => {
    // 10 a week: ln(1000)·168 h / 10 ≈ 116 h.
    const base = history('school-b', 'school', [10, 9, 11, 10, 12, 8, 10, 10, 10]);
    expect(judgeDeliveries([...base, recent('school-b', 'school', 1, 100)], NOW, SETTINGS)).toEqual([]);
    const silent = judgeDeliveries([...base, recent('school-b', 'school', 1, 0)], NOW + 5 * 24 * HOUR, SETTINGS);
    expect(silent.map((a) => a.kind)).toEqual(['silent']);
    expect(silent[0]?.silentAfterMs).toBeCloseTo((Math.log(1000) * 168 * HOUR) / 10, -3);
    const weekly = history('weekly-c', 'police', [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Its last delivery was on Sunday 00:00; 9.5 days later it has passed the 8-day ceiling.
    const later = judgeDeliveries(weekly, NOW + 6 * 24 * HOUR, SETTINGS);
    expect(later.map((a) => [a.kind, a.silentAfterMs])).toEqual([['silent', SETTINGS.silentCeilingMs]]);
  });

  it('keeps a silent stream silent while the silence lasts', () => {
    const base = history('thuiszorg-a', 'home_care', [0, 0, 0, 0, 0, 200, 190, 210, 205, 195, 200, 198, 202, 201]);
    expect(judgeDeliveries(base, NOW, SETTINGS).map((a) => a.kind)).toEqual(['silent']);
  });

  it('flags a week far below usual, with the figures', () => {
    const weeks = [
      ...history('thuiszorg-a', 'home_care', [60, 200, 190, 210, 205, 195, 200, 198, 202]),
      recent('thuiszorg-a', 'home_care', 30, 0.5),
    ];
    const [alarm, ...rest] = judgeDeliveries(weeks, NOW, SETTINGS);
    expect(rest).toEqual([]);
    expect(alarm).toMatchObject({ kind: 'low_volume', week: addWeeks(CURRENT, -1), usual: 200, observed: 60 });
    expect(alarm?.pValue).toBeLessThan(1e-10);
    expect(alarm?.why.nl).toBe(
      `In de week van ${addWeeks(CURRENT, -1)} kwamen 60 signalen binnen, gewoonlijk 200 per week (p = < 0,0001).`,
    );
  });

  it('does not flap on a small noisy partner', () => {
    // 0–6 a week around 3: an empty week is P = e^-3 ≈ 0.05, no alarm; nor any of these weeks.
    const noisy = [0, 3, 6, 1, 4, 2, 5, 3, 0, 3, 6, 2, 4, 1, 5, 3];
    for (let start = 0; start + 9 <= noisy.length; start++) {
      const weeks = [
        ...history('jongerenwerk-d', 'youth_work', noisy.slice(start, start + 9)),
        recent('jongerenwerk-d', 'youth_work', 1, 10),
      ];
      expect(judgeDeliveries(weeks, NOW, SETTINGS)).toEqual([]);
    }
  });

  it('widens the volume test for an irregular stream (quasi-Poisson)', () => {
    // Usual 100 but swinging 40–160: 45 is within what this stream does; for a regular stream it is not.
    const irregular = history('wijkagent-e', 'police', [45, 40, 160, 100, 60, 150, 100, 45, 155]);
    const regular = history('wijkagent-e', 'police', [45, 100, 98, 102, 99, 101, 100, 97, 103]);
    const fresh = recent('wijkagent-e', 'police', 20, 0.1);
    expect(judgeDeliveries([...irregular, fresh], NOW, SETTINGS)).toEqual([]);
    expect(judgeDeliveries([...regular, fresh], NOW, SETTINGS).map((a) => a.kind)).toEqual(['low_volume']);
  });

  it('judges nothing before the minimum history', () => {
    const weeks = history('nieuw-f', 'home_care', [0, 200, 200, 200]);
    expect(judgeDeliveries(weeks, NOW, SETTINGS)).toEqual([]);
  });

  it('flags a jump in the rejection share, for the partner as a whole', () => {
    const accepted = [100, 100, 100, 100, 100, 100, 100, 100, 100];
    const usualRejects = [2, 3, 1, 2, 2, 3, 2, 1, 2];
    const quiet = judgeDeliveries(
      [...history('school-b', 'school', accepted, usualRejects), recent('school-b', 'school', 5, 0.1)],
      NOW,
      SETTINGS,
    );
    expect(quiet).toEqual([]);
    const jumped = [40, ...usualRejects.slice(1)];
    const [alarm, ...rest] = judgeDeliveries(
      [...history('school-b', 'school', accepted, jumped), recent('school-b', 'school', 5, 0.1)],
      NOW,
      SETTINGS,
    );
    expect(rest).toEqual([]);
    expect(alarm).toMatchObject({ kind: 'rejections_up', sourceKind: WHOLE_STREAM, week: addWeeks(CURRENT, -1) });
    expect(alarm?.observed).toBeCloseTo(40 / 140);
    expect(alarm?.usual).toBeCloseTo((16 + 0.5) / (816 + 1));
    expect(alarm?.why.en).toMatch(/28\.6% were rejected \(40 of 140\), usually 2%/);
  });

  it('does not flag a few rejections of a small partner', () => {
    const weeks = [
      ...history('jongerenwerk-d', 'youth_work', [3, 4, 2, 3, 5, 3, 2, 4, 3], [2, 0, 0, 0, 0, 0, 0, 0, 0]),
      recent('jongerenwerk-d', 'youth_work', 1, 1),
    ];
    expect(judgeDeliveries(weeks, NOW, SETTINGS)).toEqual([]);
  });

  it('judges each partner and source kind on its own', () => {
    const weeks = [
      ...history('thuiszorg-a', 'home_care', [200, 190, 210, 205, 195, 200, 198, 202, 201]),
      recent('thuiszorg-a', 'home_care', 50, 30),
      ...history('thuiszorg-a', 'elderly_work', [50, 50, 50, 50, 50, 50, 50, 50, 50]),
      recent('thuiszorg-a', 'elderly_work', 10, 1),
      ...history('school-b', 'school', [100, 100, 100, 100, 100, 100, 100, 100, 100]),
      recent('school-b', 'school', 10, 1),
    ];
    expect(judgeDeliveries(weeks, NOW, SETTINGS).map((a) => `${a.partner}|${a.sourceKind}|${a.kind}`)).toEqual([
      'thuiszorg-a|home_care|silent',
    ]);
  });
});
