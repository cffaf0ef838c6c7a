import { periodOf } from '@wijksignaal/domain/published/period-grid';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { nl } from '../i18n/nl.ts';
import { createTranslator } from '../i18n/create-translator.ts';
import { periodLabel, weeksLabel } from './period-label.ts';

const dutch = createTranslator(nl);
const english = createTranslator(en);

describe('a grid period in words', () => {
  it('names each kind with its year, number and weeks, in Dutch and English', () => {
    const q1 = periodOf('quarter', '2025-W05');
    expect(periodLabel(q1, dutch)).toBe('2025 kwartaal 1 (week 1–13)');
    expect(periodLabel(q1, english)).toBe('2025 Q1 (weeks 1–13)');
    const p3 = periodOf('fourWeeks', '2025-W10');
    expect(periodLabel(p3, dutch)).toBe('2025 periode 3 (week 9–12)');
    expect(periodLabel(p3, english)).toBe('2025 period 3 (weeks 9–12)');
    expect(periodLabel(periodOf('week', '2025-W07'), dutch)).toBe('2025 week 7');
    expect(periodLabel(periodOf('year', '2024-W07'), english)).toBe('2024 (weeks 1–52)');
  });

  it('shows week 53 where it joins the last period', () => {
    expect(periodLabel(periodOf('quarter', '2020-W53'), dutch)).toBe('2020 kwartaal 4 (week 40–53)');
    expect(periodLabel(periodOf('fourWeeks', '2020-W50'), dutch)).toBe('2020 periode 13 (week 49–53)');
    expect(periodLabel(periodOf('year', '2020-W01'), dutch)).toBe('2020 (week 1–53)');
  });

  it('names a window of weeks by its grid period when it is one, else by its weeks', () => {
    expect(weeksLabel('2025-W01', '2025-W13', dutch)).toBe('2025 kwartaal 1 (week 1–13)');
    expect(weeksLabel('2025-W12', '2025-W13', dutch)).toBe('week 2025-W12 tot en met 2025-W13');
    expect(weeksLabel('2025-W12', '2025-W13', english)).toBe('week 2025-W12 to 2025-W13');
    expect(weeksLabel('soon', '2025-W13', english)).toBe('week soon to 2025-W13');
  });
});
