/**
 * Whether the cube rows appended since the last compaction are worth folding: once there are as many as
 * the compaction left (and at least `minimum`), so every row is folded a bounded number of times and the
 * view never sums more than about twice the cube's cells.
 */
export function compactionDue(appendedSince: number, rowsAfterLast: number, minimum = 200_000): boolean {
  return appendedSince >= Math.max(rowsAfterLast, minimum);
}
