import { cellNumber, type Cell } from '../format/cell.ts';
import type { SortField, SortOrder } from './view-state.ts';

export interface SortableArea {
  name: string;
  gemeenteName: string;
  count: Cell;
  residents: number | null;
  ratePer1000: Cell | null;
  /** The overview's SMR with its interval, or the funnel's bare SMR. */
  smr?: Cell | { value: number } | null;
}

/** A sort key of one row: text, a number, or null for missing and withheld figures. */
export type SortValueOf<T> = (area: T, field: SortField) => string | number | null;

/** The overview's columns; fields a row does not have sort as missing. */
export function areaSortValue(area: SortableArea, field: SortField): string | number | null {
  if (field === 'name' || field === 'gemeenteName') return area[field];
  if (field === 'smr') {
    const smr = area.smr ?? null;
    return smr !== null && typeof smr === 'object' && 'value' in smr ? smr.value : cellNumber(smr);
  }
  if (field === 'count' || field === 'residents' || field === 'ratePer1000') return cellNumber(area[field]);
  return null;
}

const collator = new Intl.Collator('nl-NL', { sensitivity: 'base', numeric: true });

/**
 * A sorted copy. Missing and withheld numbers (no residents, no rate, `<5`) always go last, whichever the direction, so
 * "highest rate first" never starts with a row of blanks. Ties fall back to the wijk name.
 */
export function sortBy<T extends { name: string }>(areas: readonly T[], order: SortOrder, valueOf: SortValueOf<T>): T[] {
  const sign = order.descending ? -1 : 1;
  return [...areas].sort((a, b) => {
    const x = valueOf(a, order.field);
    const y = valueOf(b, order.field);
    let result: number;
    if (x === null || y === null) result = x === y ? 0 : x === null ? 1 : -1;
    else if (typeof x === 'string' && typeof y === 'string') result = sign * collator.compare(x, y);
    else result = sign * (Number(x) - Number(y));
    return result !== 0 ? result : collator.compare(a.name, b.name);
  });
}

export function sortAreas<T extends SortableArea>(areas: readonly T[], order: SortOrder): T[] {
  return sortBy(areas, order, areaSortValue);
}
