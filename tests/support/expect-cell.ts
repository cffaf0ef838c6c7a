import { expect } from 'vitest';
import type { CellAddress, PublishedTable } from './read-snapshot.ts';

/**
 * A count in a response is exactly the snapshot's published cell: its (perturbed) number, or `<k` when
 * the table has no row for it. Nothing else may appear: no raw count, no complement.
 */
export function expectPublishedCell(cell: unknown, table: PublishedTable, address: CellAddress, label?: string): void {
  expect(cell, label ?? JSON.stringify(address)).toEqual(table.shown(address));
}

/**
 * A figure computed from a published count: `x` when that count is withheld, otherwise the value computed
 * from the published number (to 10 digits).
 */
export function expectDerivedCell(cell: unknown, count: number | null, value: (count: number) => number, label?: string): void {
  if (count === null) expect(cell, label).toEqual({ suppressed: true, display: 'x' });
  else expect(cell, label).toBeCloseTo(value(count), 10);
}
