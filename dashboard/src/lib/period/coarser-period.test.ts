import { isoWeeksBetween } from '@wijksignaal/contracts/iso-week';
import { periodOf, periodWeeks, PERIOD_KINDS } from '@wijksignaal/domain/published/period-grid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coarserOffer, coarserPeriod, mostlyWithheld } from './coarser-period.ts';

const withheld = { suppressed: true as const, display: '<5' };

describe('the coarser period to offer', () => {
  it('goes week → 4 weken → kwartaal → jaar', () => {
    expect(coarserPeriod(periodOf('week', '2025-W07'))?.label).toBe('2025-P02');
    expect(coarserPeriod(periodOf('fourWeeks', '2025-W07'))?.label).toBe('2025-Q1');
    expect(coarserPeriod(periodOf('quarter', '2025-W07'))?.label).toBe('2025');
    expect(coarserPeriod(periodOf('year', '2025-W07'))).toBeNull();
  });

  it('skips to the year when a 4-week period straddles two quarters', () => {
    expect(coarserPeriod(periodOf('fourWeeks', '2025-W13'))?.label).toBe('2025'); // weeks 13–16
    expect(coarserPeriod(periodOf('fourWeeks', '2025-W40'))?.label).toBe('2025'); // weeks 37–40
    expect(coarserPeriod(periodOf('fourWeeks', '2020-W53'))?.label).toBe('2020-Q4'); // weeks 49–53
    expect(coarserPeriod(periodOf('week', '2020-W53'))?.label).toBe('2020-P13');
  });

  it('always holds every week of the finer period, and is of a coarser kind', () => {
    const week = fc
      .record({ year: fc.integer({ min: 2015, max: 2030 }), week: fc.integer({ min: 1, max: 53 }) })
      .filter(({ year, week }) => week <= 52 || [2015, 2020, 2026].includes(year))
      .map(({ year, week }) => `${year}-W${String(week).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.constantFrom('week', 'fourWeeks', 'quarter') as fc.Arbitrary<'week' | 'fourWeeks' | 'quarter'>,
        week,
        (kind, w) => {
          const fine = periodOf(kind, w);
          const coarse = coarserPeriod(fine)!;
          expect(PERIOD_KINDS.indexOf(coarse.kind)).toBeGreaterThan(PERIOD_KINDS.indexOf(kind));
          expect(isoWeeksBetween(coarse.from, fine.from)).toBeGreaterThanOrEqual(0);
          expect(isoWeeksBetween(fine.to, coarse.to)).toBeGreaterThanOrEqual(0);
          expect(periodWeeks(coarse).length).toBeGreaterThan(periodWeeks(fine).length);
        },
      ),
    );
  });
});

describe('when most counts are withheld', () => {
  it('counts only cells with signals: more than half withheld', () => {
    expect(mostlyWithheld([withheld, withheld, 7, 0, 0, 0])).toBe(true);
    expect(mostlyWithheld([withheld, 7, 0, 0])).toBe(false); // half is not most
    expect(mostlyWithheld([withheld, 7, 12, 0])).toBe(false);
    expect(mostlyWithheld([0, 0, null])).toBe(false);
    expect(mostlyWithheld([])).toBe(false);
    expect(mostlyWithheld([{ suppressed: true, display: 'x' }, withheld, 9])).toBe(true);
  });

  it('offers the coarser period only then, and nothing above a year', () => {
    const week = periodOf('week', '2025-W07');
    expect(coarserOffer(week, [withheld, withheld, 5])?.label).toBe('2025-P02');
    expect(coarserOffer(week, [withheld, 5, 6])).toBeNull();
    expect(coarserOffer(periodOf('year', '2025-W07'), [withheld, withheld])).toBeNull();
  });
});
