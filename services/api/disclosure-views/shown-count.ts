import { smallCount, type Cell } from '@wijksignaal/domain/disclosure/index';

/**
 * A published count as a response shows it: the number as the pipeline published it (already perturbed,
 * at least k), and `<k` for a cell the table does not show — no row (or a NULL count) means withheld,
 * whether the cell is empty or holds a few signals (contracts/snapshot.ts). The API never turns anything
 * else into a count; only the protect-*.ts files call this.
 */
export function shownCount(count: number | null | undefined, k: number): Cell {
  return count === null || count === undefined ? smallCount(k) : count;
}
