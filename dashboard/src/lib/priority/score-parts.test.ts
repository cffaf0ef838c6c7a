import { describe, expect, it } from 'vitest';
import { trendPart } from '@wijksignaal/domain/priority/priority-score';
import { scoreParts } from './score-parts.ts';

const weights = { smr: 1, trend: 1, alarms: 1 };

describe('scoreParts', () => {
  it('splits a contribution into level, trend and alarm parts that add up to it', () => {
    const trend = trendPart(20, 26, { recent: 4, prior: 12 });
    const contribution = Math.log(1.2) + trend + 2;
    const parts = scoreParts({ smrLower: 1.2, alarmLevel: 'red', contribution }, weights);
    expect(parts!.smr).toBeCloseTo(Math.log(1.2), 12);
    expect(parts!.alarms).toBe(2);
    expect(parts!.trend).toBeCloseTo(trend, 12);
    expect(parts!.smr + parts!.trend + parts!.alarms).toBeCloseTo(parts!.total, 12);
  });

  it('gives no level part when the lower bound does not lie above 1, and weighs each part', () => {
    const w = { smr: 3, trend: 0.5, alarms: 2 };
    const trend = 0.5 * trendPart(8, 13, { recent: 4, prior: 12 });
    const parts = scoreParts({ smrLower: 0.9, alarmLevel: 'amber', contribution: trend + 2 }, w);
    expect(parts!.smr).toBe(0);
    expect(parts!.alarms).toBe(2);
    expect(parts!.trend).toBeCloseTo(trend, 12);
  });

  it('shows no parts of a withheld contribution', () => {
    const hidden = { suppressed: true as const, display: 'x' };
    expect(scoreParts({ smrLower: hidden, alarmLevel: 'red', contribution: hidden }, weights)).toBeNull();
  });

  it('never shows a negative trend part from rounding', () => {
    const parts = scoreParts({ smrLower: null, alarmLevel: 'amber', contribution: 0.9999999 }, weights);
    expect(parts!.trend).toBe(0);
  });

  it('weighs the unweighted parts the API publishes instead of deriving them', () => {
    const w = { smr: 2, trend: 0.5, alarms: 3 };
    const parts = scoreParts(
      { smrLower: 1.2, alarmLevel: 'amber', contribution: 2 * 0.4 + 0.5 * 1.1 + 3, parts: { level: 0.4, trend: 1.1, alarms: 1 } },
      w,
    );
    expect(parts).toEqual({ smr: 0.8, trend: 0.55, alarms: 3, total: 2 * 0.4 + 0.5 * 1.1 + 3 });
  });

  it('shows no parts when a published part is withheld', () => {
    const hidden = { suppressed: true as const, display: 'x' };
    const component = {
      smrLower: null,
      alarmLevel: 'none' as const,
      contribution: 1,
      parts: { level: hidden, trend: 1, alarms: 0 },
    };
    expect(scoreParts(component, weights)).toBeNull();
  });
});
