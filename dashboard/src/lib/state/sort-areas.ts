import type { SortOrder } from './view-state.ts';

export interface SortableArea {
  name: string;
  gemeenteName: string;
  count: number;
  residents: number | null;
  ratePer1000: number | null;
}

const collator = new Intl.Collator('nl-NL', { sensitivity: 'base', numeric: true });

/**
 * A sorted copy. Missing numbers (no residents, no rate) always go last, whichever the direction, so
 * "highest rate first" never starts with a row of blanks. Ties fall back to the wijk name.
 */
export function sortAreas<T extends SortableArea>(areas: readonly T[], order: SortOrder): T[] {
  const sign = order.descending ? -1 : 1;
  return [...areas].sort((a, b) => {
    const x = a[order.field];
    const y = b[order.field];
    let result: number;
    if (x === null || y === null) result = x === y ? 0 : x === null ? 1 : -1;
    else if (typeof x === 'string' && typeof y === 'string') result = sign * collator.compare(x, y);
    else result = sign * ((x as number) - (y as number));
    return result !== 0 ? result : collator.compare(a.name, b.name);
  });
}
