import { describe, expect, it } from 'vitest';
import { formatIsoWeek, weeksInIsoYear } from '@wijksignaal/contracts/iso-week';
import type { SeasonKind } from './rates.ts';
import { holidayWeeks, preHolidayWeeks, SCHOOL_REGIONS } from './school-holidays.ts';
import { seasonFactor, trendFactor } from './seasonality.ts';

describe('school holidays', () => {
  it('closes every region for Christmas, May and mid-summer, and staggers the rest', () => {
    for (const year of [2024, 2025, 2026]) {
      const n = weeksInIsoYear(year);
      const sets = SCHOOL_REGIONS.map((r) => holidayWeeks(year, r, n));
      for (const week of [1, 18, 30, 31, 32, 33, 52]) expect(sets.every((s) => s.has(week))).toBe(true);
      expect(new Set(sets.map((s) => [...s].sort((a, b) => a - b).join())).size).toBeGreaterThan(1);
      for (const s of sets) expect(s.size).toBeGreaterThanOrEqual(11);
    }
  });

  it('marks the last school week before each holiday', () => {
    const closed = holidayWeeks(2025, 'midden', 52);
    const pre = preHolidayWeeks(2025, 'midden', 52);
    for (const w of pre) {
      expect(closed.has(w)).toBe(false);
      expect(closed.has(w + 1) || w === 52).toBe(true);
    }
    expect(pre.size).toBeGreaterThanOrEqual(4);
  });
});

describe('seasonFactor', () => {
  it.each<SeasonKind>(['flat', 'winter', 'summer', 'school', 'school_luxury'])('averages to 1 over a year (%s)', (kind) => {
    for (const gemeente of ['GM0363', 'GM0014', 'GM0599']) {
      const n = weeksInIsoYear(2025);
      let sum = 0;
      for (let w = 1; w <= n; w++) sum += seasonFactor(kind, formatIsoWeek(2025, w), gemeente);
      expect(sum / n).toBeGreaterThan(0.97);
      expect(sum / n).toBeLessThan(1.03);
    }
  });

  it('lets luxury absence peak just before a holiday', () => {
    const peaks = [];
    for (let w = 2; w <= 51; w++) peaks.push(seasonFactor('school_luxury', formatIsoWeek(2025, w), 'GM0363'));
    const open = peaks.filter((f) => f > 0);
    expect(Math.max(...open) / Math.min(...open)).toBeGreaterThan(2);
  });
});

describe('trendFactor', () => {
  it('grows slowly from the reference year', () => {
    expect(trendFactor('escalation', '2025-W01')).toBeCloseTo(1, 2);
    expect(trendFactor('escalation', '2027-W01')).toBeGreaterThan(trendFactor('escalation', '2026-W01'));
    expect(trendFactor('escalation', '2027-W01')).toBeLessThan(1.1);
  });
});
