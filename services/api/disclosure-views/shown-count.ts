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

/**
 * An expected count or alarm threshold as a response shows it: below k as `<k`. Detection read a week that
 * is not shown as k − 1, so in a wijk whose weeks are mostly withheld these figures sit near k − 1 whatever
 * the wijk really had; `<k` says what is known instead of a precise-looking number.
 */
export function shownExpectation(value: number | null, k: number): Cell | null {
  return value === null ? null : value < k ? smallCount(k) : value;
}
