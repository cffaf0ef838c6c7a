import { addIsoWeeks, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { LIVE_CUSUM } from '@wijksignaal/domain/detection/method-choice';
import { describe, expect, it } from 'vitest';
import { cusum } from './cusum.ts';
import { LIVE_CUSUM_LOOKBACK, liveCusum } from './live-cusum.ts';
import type { WeeklyPoint } from './weekly-series.ts';

/** Weekly counts from 2024-W27 on: about 4 a week, then a sustained rise of 3 a week from 2025-W14. */
function series(length: number, start: IsoWeek = '2024-W27'): WeeklyPoint[] {
  return Array.from({ length }, (_, i) => {
    const week = addIsoWeeks(start, i);
    const base = 4 + ((i * 7) % 5) - 2;
    return { week, count: week >= '2025-W14' && week <= '2025-W20' ? base + 3 : base, partial: false };
  });
}

describe('liveCusum: R algo.cusum (reset) once per quarter, trained on the weeks before it', () => {
  it('gives each quarter exactly what cusum() gives on the training weeks plus that quarter', () => {
    const s = series(60);
    const live = liveCusum(s);
    expect(live.map((r) => r.week)).toEqual(s.map((p) => p.week));
    // 2025-Q2 starts 2025-W14; the 26 weeks before it train m.
    const q2 = s.findIndex((p) => p.week === '2025-W14');
    const alone = cusum(s.slice(q2 - LIVE_CUSUM.trainingWeeks, q2 + 13), {
      evaluateFrom: '2025-W14',
      reset: true,
      k: 1.04,
      h: 2.26,
    });
    const fromLive = live.slice(q2, q2 + 13);
    expect(fromLive.map((r) => [r.expected, r.statistic, r.threshold, r.alarm])).toEqual(
      alone.slice(LIVE_CUSUM.trainingWeeks).map((r) => [r.expected, r.statistic, r.threshold, r.alarm]),
    );
    expect(fromLive[0]?.baselineWindow).toEqual({ from: s[q2 - 26]?.week, to: '2025-W13' });
    expect(fromLive[0]?.params).toMatchObject({ k: 1.04, h: 2.26, reset: true, evaluateFrom: '2025-W14', trainingWeeks: 26 });
    // The sustained rise of 3 a week over a mean near 4 is an alarm within the quarter.
    expect(fromLive.some((r) => r.alarm)).toBe(true);
  });

  it('leaves a quarter with fewer than 7 weeks before it unevaluated, and says why', () => {
    const live = liveCusum(series(20, '2025-W10'));
    const first = live.find((r) => r.week === '2025-W10');
    expect(first?.notEvaluatedReason).toBe(
      'CUSUM trains on the 26 weeks before 2025-Q1 (from 2025-W01); 0 available, at least 7 needed',
    );
    // 2025-Q2 (from W14) has 4 weeks before it, 2025-Q3 (from W27) 17.
    expect(live.find((r) => r.week === '2025-W20')?.notEvaluatedReason).toMatch(/4 available/);
    expect(live.find((r) => r.week === '2025-W27')?.notEvaluatedReason).toBeNull();
    expect(live.find((r) => r.week === '2025-W27')?.params).toMatchObject({ trainingWeeks: 17 });
  });

  it("never changes a week's result when later weeks arrive or the series reaches further back than it reads", () => {
    const long = series(120, '2023-W01');
    const full = liveCusum(long);
    const later = liveCusum(long.slice(0, 100));
    expect(later).toEqual(full.slice(0, 100));
    const tail = liveCusum(long.slice(long.length - (52 + LIVE_CUSUM_LOOKBACK)));
    expect(tail.slice(-52)).toEqual(full.slice(-52));
  });

  it('does not judge the running week', () => {
    const s = series(60).map((p, i, all) => (i === all.length - 1 ? { ...p, partial: true } : p));
    expect(liveCusum(s).at(-1)?.notEvaluatedReason).toBe('the week is still running; its count is not final');
  });
});
