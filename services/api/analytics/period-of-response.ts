import type { GridPeriodValue } from '@wijksignaal/contracts/http';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';

/** How a response says which grid period it shows: `from`/`to` as before, and the period itself. */
export function periodOfResponse(period: GridPeriod): { from: string; to: string; period: GridPeriodValue } {
  return {
    from: period.from,
    to: period.to,
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to },
  };
}
