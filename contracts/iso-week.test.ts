import { describe, expect, it } from 'vitest';
import { addIsoWeeks, isValidIsoWeek, isoWeekFromDate, isoWeekRange, mondayIsoDate, weeksInIsoYear } from './iso-week.ts';

describe('ISO weeks', () => {
  it('knows which years have a week 53', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2024)).toBe(52);
    expect(isValidIsoWeek('2020-W53')).toBe(true);
    expect(isValidIsoWeek('2024-W53')).toBe(false);
    expect(isValidIsoWeek('2024-W00')).toBe(false);
    expect(isValidIsoWeek('2024-7')).toBe(false);
  });
  it('puts 1 January in the week that holds the first Thursday', () => {
    expect(isoWeekFromDate(new Date('2021-01-01T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeekFromDate(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(mondayIsoDate('2025-W01')).toBe('2024-12-30');
  });
  it('steps over week 53 and year ends', () => {
    expect(addIsoWeeks('2020-W52', 1)).toBe('2020-W53');
    expect(addIsoWeeks('2020-W53', 1)).toBe('2021-W01');
    expect(addIsoWeeks('2021-W01', -2)).toBe('2020-W52');
    expect(isoWeekRange('2020-W52', '2021-W02')).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });
});
