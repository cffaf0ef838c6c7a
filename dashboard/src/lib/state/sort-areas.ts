import { cellNumber, type Cell } from '../format/cell.ts';
import type { SortOrder } from './view-state.ts';

export interface SortableArea {
  name: string;
  gemeenteName: string;
  count: Cell;
  residents: number | null;
  ratePer1000: Cell | null;
}

function sortValue(area: SortableArea, field: SortOrder['field']): string | number | null {
  const value = area[field];
  return typeof value === 'string' ? value : cellNumber(value);
}

const collator = new Intl.Collator('nl-NL', { sensitivity: 'base', numeric: true });

/**
 * A sorted copy. Missing and withheld numbers (no residents, no rate, `<5`) always go last, whichever the direction, so
 * "highest rate first" never starts with a row of blanks. Ties fall back to the wijk name.
 */
export function sortAreas<T extends SortableArea>(areas: readonly T[], order: SortOrder): T[] {
  const sign = order.descending ? -1 : 1;
  return [...areas].sort((a, b) => {
    const x = sortValue(a, order.field);
    const y = sortValue(b, order.field);
    let result: number;
    if (x === null || y === null) result = x === y ? 0 : x === null ? 1 : -1;
    else if (typeof x === 'string' && typeof y === 'string') result = sign * collator.compare(x, y);
    else result = sign * (Number(x) - Number(y));
    return result !== 0 ? result : collator.compare(a.name, b.name);
  });
}
