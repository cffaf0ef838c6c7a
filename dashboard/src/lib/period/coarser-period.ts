import { isoWeeksBetween } from '@wijksignaal/contracts/iso-week';
import { PERIOD_KINDS, periodOf, type GridPeriod, type PeriodKind } from '@wijksignaal/domain/published/period-grid';
import { isSuppressed, type Cell } from '../format/cell.ts';

/**
 * When a fine period leaves most counts below k (`<5`), a page offers the next coarser period holding
 * the same weeks instead of a page of markers: week → 4 weken → kwartaal → jaar. A 4-week period that
 * straddles two quarters (weeks 13–16, 25–28, 37–40) goes to its year.
 */

/** A period something finer can be widened to: never a single week. */
export type CoarserPeriod = GridPeriod & { kind: Exclude<PeriodKind, 'week'> };

/** The next coarser grid period that contains every week of `period`; null for a year. */
export function coarserPeriod(period: GridPeriod): CoarserPeriod | null {
  for (const kind of PERIOD_KINDS.slice(PERIOD_KINDS.indexOf(period.kind) + 1)) {
    const candidate = periodOf(kind, period.from);
    if (isoWeeksBetween(period.to, candidate.to) >= 0) return candidate as CoarserPeriod;
  }
  return null;
}

/** True when more than half of the cells with signals (withheld or above 0) are withheld. */
export function mostlyWithheld(cells: readonly (Cell | null)[]): boolean {
  let withSignals = 0;
  let withheld = 0;
  for (const cell of cells) {
    if (isSuppressed(cell)) {
      withheld++;
      withSignals++;
    } else if (typeof cell === 'number' && cell > 0) withSignals++;
  }
  return withSignals > 0 && withheld * 2 > withSignals;
}

/** The coarser period to offer for these cells of `period`, or null when there is no need or none. */
export function coarserOffer(period: GridPeriod, cells: readonly (Cell | null)[]): CoarserPeriod | null {
  return mostlyWithheld(cells) ? coarserPeriod(period) : null;
}
