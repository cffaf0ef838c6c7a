import { gridPeriod, periodOf, PERIOD_KINDS } from '@wijksignaal/domain/published/period-grid';
import { describe, expect, it } from 'vitest';
import { defaultPeriod, isRunning, PICKER_YEARS, periodChoices, periodForKind, readPeriod } from './period-choices.ts';

const today = new Date(Date.UTC(2025, 1, 12)); // a Wednesday in 2025-W07

describe('the periods a user can pick', () => {
  it('defaults to the latest complete quarter', () => {
    expect(defaultPeriod(today)).toMatchObject({ kind: 'quarter', label: '2024-Q4', from: '2024-W40', to: '2024-W52' });
    // In the last week of a quarter that quarter is still running: the one before is the default.
    expect(defaultPeriod(new Date(Date.UTC(2025, 2, 26))).label).toBe('2024-Q4'); // 2025-W13
    expect(defaultPeriod(new Date(Date.UTC(2025, 3, 2))).label).toBe('2025-Q1'); // 2025-W14
  });

  it('lists only grid periods of the kind, newest first, from the running one back over the picker years', () => {
    for (const kind of PERIOD_KINDS) {
      const choices = periodChoices(kind, today);
      expect(
        choices.every((p) => p.kind === kind && gridPeriod(p.from, p.to)?.label === p.label),
        kind,
      ).toBe(true);
      expect(choices[0], kind).toEqual(periodOf(kind, '2025-W07'));
      expect(choices.at(-1)!.from, kind).toBe(`${2025 - PICKER_YEARS + 1}-W01`);
      const starts = choices.map((p) => p.from);
      expect(starts, kind).toEqual([...starts].sort().reverse());
    }
    expect(periodChoices('year', today).map((p) => p.label)).toEqual(['2025', '2024', '2023', '2022']);
    expect(periodChoices('quarter', today)).toHaveLength(4 * 3 + 1);
    // 2022 and 2023 have 52 weeks, 2024 too; 2025 up to week 7.
    expect(periodChoices('week', today)).toHaveLength(3 * 52 + 7);
    expect(
      periodChoices('fourWeeks', today)
        .slice(0, 3)
        .map((p) => p.label),
    ).toEqual(['2025-P02', '2025-P01', '2024-P13']);
  });

  it('keeps an older period from a shared link in its list', () => {
    const old = periodOf('quarter', '2015-W20');
    expect(periodChoices('quarter', today, old).at(-1)).toEqual(old);
    expect(periodChoices('year', today, old).some((p) => p.from === old.from)).toBe(false);
    const recent = periodOf('quarter', '2024-W20');
    expect(periodChoices('quarter', today, recent).filter((p) => p.from === recent.from)).toHaveLength(1);
  });

  it('reads a period from a link only when it is one grid period that has started', () => {
    expect(readPeriod('2025-W01', '2025-W13', today)?.label).toBe('2025-Q1');
    expect(readPeriod('2025-W07', '2025-W07', today)?.kind).toBe('week');
    for (const [from, to] of [
      ['2025-W08', '2025-W08'],
      ['2025-W01', '2025-W12'],
      ['2025-W1', '2025-W13'],
      ['2025-W00', '2025-W00'],
      ['', ''],
    ]) {
      expect(readPeriod(from!, to!, today), `${from}..${to}`).toBeNull();
    }
    expect(readPeriod(null, '2025-W13', today)).toBeNull();
  });

  it('says which period is still running', () => {
    expect(isRunning(periodOf('quarter', '2025-W01'), today)).toBe(true);
    expect(isRunning(periodOf('week', '2025-W07'), today)).toBe(true);
    expect(isRunning(periodOf('week', '2025-W06'), today)).toBe(false);
    expect(isRunning(periodOf('year', '2024-W01'), today)).toBe(false);
  });

  it('switching kinds lands on the period that holds the end of the current one, or today when that lies ahead', () => {
    const q4 = periodOf('quarter', '2024-W45');
    expect(periodForKind('week', q4, today).label).toBe('2024-W52');
    expect(periodForKind('fourWeeks', q4, today).label).toBe('2024-P13');
    expect(periodForKind('year', q4, today).label).toBe('2024');
    const running = periodOf('quarter', '2025-W01');
    expect(periodForKind('week', running, today).label).toBe('2025-W07');
    expect(periodForKind('fourWeeks', running, today).label).toBe('2025-P02');
    const week = periodOf('week', '2024-W14');
    expect(periodForKind('quarter', week, today).label).toBe('2024-Q2');
  });
});
