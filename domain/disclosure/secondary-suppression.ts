/**
 * Secondary (complementary) suppression over additive relations: cells that add up to a total someone can
 * see. A hidden cell must not be recoverable by subtracting published numbers from that total.
 *
 * The rule, per relation (DESIGN.md §6, with one refinement):
 * - no suppressed member, or at least two;
 * - the suppressed members add up to at least k (so the attacker's range for each is at least 0…k);
 * - no small count is pinned to one value by what the labels give away: `<k` cells lie in 1…k−1 and `x`
 *   cells are 0 or at least k. Without this, `<5` `<5` with a hidden sum of 8 would reveal two 4s.
 * While a relation breaks the rule, its smallest published member is hidden too (ties: the earlier
 * cell), and when none is left its total, if the response publishes it. Relations that share cells (a
 * wijk × week table with totals both ways) are revisited until nothing changes, so the result holds
 * for all of them at once; cells are only ever added, so this ends.
 *
 * A member may itself be the total of a lower relation (a gemeente total under the region). When such a
 * total is hidden, as a small count or a complement, its own relation must not give it back: at least one
 * member is hidden with it and the hidden members add up to at least k (or to the whole total, when it is
 * small), otherwise region − published gemeenten − a gemeente added up from its published wijken would
 * reveal the small one.
 */
export type CellStatus = 'published' | 'primary' | 'secondary';

export interface AdditiveRelation {
  /** Indices of the cells that add up to the total. */
  members: readonly number[];
  /**
   * Index of the total among the cells, when the response publishes it. Without one, the total is
   * treated as known anyway (another view or export may show it). A total may be a member of a higher
   * relation (hierarchies).
   */
  total?: number;
}

export function suppressSecondary(
  values: readonly number[],
  status: readonly CellStatus[],
  relations: readonly AdditiveRelation[],
  k: number,
): CellStatus[] {
  const result = [...status];
  let changed = true;
  while (changed) {
    changed = false;
    for (const relation of relations) {
      while (!isRelationSafe(values, result, relation, k)) {
        const next = nextComplement(values, result, relation);
        if (next === null) break; // everything in reach is hidden already
        result[next] = 'secondary';
        changed = true;
      }
    }
  }
  return result;
}

export function isRelationSafe(
  values: readonly number[],
  status: readonly CellStatus[],
  relation: AdditiveRelation,
  k: number,
): boolean {
  let hiddenCount = 0;
  let hiddenSum = 0;
  let primaries = 0;
  for (const i of relation.members) {
    const s = status[i];
    if (s === 'published') continue;
    hiddenCount++;
    hiddenSum += values[i] ?? 0;
    if (s === 'primary') primaries++;
  }
  if (relation.total !== undefined && status[relation.total] !== 'published') {
    // A hidden total (small itself, or a complement one level up) must not follow from its members either:
    // some of them hidden, and together at least k, or all of its count hidden with it (a small total).
    return hiddenCount > 0 && (hiddenSum >= k || hiddenSum === values[relation.total]);
  }
  if (hiddenCount === 0) return true;
  if (hiddenCount === 1 || hiddenSum < k) return false;
  return primaries === 0 || feasibleSmallValues(hiddenSum, primaries, hiddenCount - primaries, k) >= 2;
}

/**
 * How many values 1…k−1 one of `primaries` small counts can still take, given that the hidden cells add
 * up to `hiddenSum`, the other small counts lie in 1…k−1 and the `others` hidden cells are 0 or ≥ k.
 */
export function feasibleSmallValues(hiddenSum: number, primaries: number, others: number, k: number): number {
  const low = primaries - 1;
  const high = (primaries - 1) * (k - 1);
  let feasible = 0;
  for (let v = 1; v < k; v++) {
    const rest = hiddenSum - v;
    const othersAllZero = rest >= low && rest <= high;
    const othersTakeTheRest = others > 0 && rest - k >= low;
    if (othersAllZero || othersTakeTheRest) feasible++;
  }
  return feasible;
}

function nextComplement(values: readonly number[], status: readonly CellStatus[], relation: AdditiveRelation): number | null {
  let best: number | null = null;
  for (const i of relation.members) {
    if (status[i] !== 'published') continue;
    if (best === null || (values[i] ?? 0) < (values[best] ?? 0) || ((values[i] ?? 0) === (values[best] ?? 0) && i < best))
      best = i;
  }
  if (best !== null) return best;
  if (relation.total !== undefined && status[relation.total] === 'published') return relation.total;
  return null;
}
