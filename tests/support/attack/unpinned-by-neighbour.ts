import { factBounds, type LpAttackOptions } from './lp-attacker.ts';
import {
  parseTotalUnknown,
  splitUnknown,
  SPLIT_DIMENSIONS,
  totalUnknown,
  type AttackUniverse,
  type PublishedFact,
  type SplitDimension,
} from './published-fact.ts';

/**
 * A certificate that a target is not pinned, without solving anything: the truth is a solution of the
 * attacker's constraints, and so is a neighbour of it in which the target holds one signal more (or less),
 * when every published fact stays within its bounds. Two solutions whose target differs by one mean its
 * interval holds two whole numbers. Tried in order:
 * - the target alone ±1, with one split value per dimension that has room (for −1: one that holds a signal);
 * - the target ±1 and one other wijk-week of the theme ∓1 (a signal moved), so facts over both stay put.
 * No split fact spans two dimensions and no total fact holds a split, so each dimension is chosen on its
 * own. A target with no such neighbour is left for the linear program, which decides it exactly.
 */
export function unpinnedByNeighbour(
  facts: readonly PublishedFact[],
  universe: AttackUniverse,
  truth: ReadonlyMap<string, number>,
  options: LpAttackOptions,
): (target: string) => boolean {
  const factsOf = new Map<string, number[]>();
  const slack = facts.map((fact) => {
    const sum = fact.cells.reduce((s, c) => s + (truth.get(c) ?? 0), 0);
    const [lo, hi] = factBounds(fact.value, options);
    return { up: hi - sum, down: sum - lo };
  });
  facts.forEach((fact, i) => {
    for (const cell of fact.cells) factsOf.set(cell, [...(factsOf.get(cell) ?? []), i]);
  });
  /** Whether adding `delta` to each cell keeps every fact within its bounds (and every cell ≥ 0). */
  const fits = (moves: readonly [string, number][]): boolean => {
    const net = new Map<number, number>();
    for (const [cell, delta] of moves) {
      if ((truth.get(cell) ?? 0) + delta < 0) return false;
      for (const f of factsOf.get(cell) ?? []) net.set(f, (net.get(f) ?? 0) + delta);
    }
    for (const [f, d] of net) if (d > 0 ? slack[f]!.up < d : slack[f]!.down < -d) return false;
    return true;
  };
  const valuesOf = (theme: string, dimension: SplitDimension): readonly string[] =>
    dimension === 'source'
      ? universe.sources
      : dimension === 'ageBand'
        ? universe.ageBands
        : (universe.themes.find((t) => t.theme === theme)?.categories ?? []);

  /** One signal more (d = 1) or less (d = −1) in wijk-week `a`, and optionally the opposite in `b`. */
  const neighbour = (theme: string, a: Where, d: 1 | -1, b?: Where): boolean => {
    const totals: [string, number][] = [[totalUnknown(theme, a.wijk, a.week), d]];
    if (b) totals.push([totalUnknown(theme, b.wijk, b.week), -d]);
    if (!fits(totals)) return false;
    return SPLIT_DIMENSIONS.every((dimension) => {
      const values = valuesOf(theme, dimension);
      return values.some((va) => {
        const moveA: [string, number] = [splitUnknown(theme, a.wijk, a.week, dimension, va), d];
        if (!b) return fits([moveA]);
        // The same value first: facts over both cells then do not move at all.
        return [va, ...values.filter((v) => v !== va)].some((vb) =>
          fits([moveA, [splitUnknown(theme, b.wijk, b.week, dimension, vb), -d]]),
        );
      });
    });
  };

  return (target) => {
    const where = parseTotalUnknown(target);
    if (!where) return false;
    const { theme } = where;
    for (const d of [1, -1] as const) if (neighbour(theme, where, d)) return true;
    for (const wijk of universe.wijken)
      for (const week of universe.weeks) {
        if (wijk.code === where.wijk && week === where.week) continue;
        for (const d of [1, -1] as const) if (neighbour(theme, where, d, { wijk: wijk.code, week })) return true;
      }
    return false;
  };
}

interface Where {
  wijk: string;
  week: string;
}
