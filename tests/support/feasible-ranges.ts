/**
 * The attacker of DESIGN §6 across views: given every number the API publishes and every additive relation
 * between them (wijken → gemeente → region, a subset's total from the funnel's centre line), how far can each
 * hidden count be narrowed down? Interval propagation: each hidden count starts at [0, ∞) and every
 * relation `total = Σ members` tightens the bounds of each term from the others, until nothing changes.
 * The bounds are sound (the true value always lies within them); a bound that closes to one value means
 * the count can be worked out from what was published.
 */
export type Term = { value: number } | { hidden: string };

export interface PublishedRelation {
  label: string;
  total: Term;
  members: readonly Term[];
}

export interface Range {
  lo: number;
  hi: number;
}

export function feasibleRanges(relations: readonly PublishedRelation[]): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const rangeOf = (t: Term): Range => {
    if ('value' in t) return { lo: t.value, hi: t.value };
    let r = ranges.get(t.hidden);
    if (!r) ranges.set(t.hidden, (r = { lo: 0, hi: Infinity }));
    return r;
  };
  for (const relation of relations) [relation.total, ...relation.members].forEach(rangeOf);

  const tighten = (t: Term, lo: number, hi: number): boolean => {
    if ('value' in t) return false;
    const r = rangeOf(t);
    let changed = false;
    if (lo > r.lo) {
      r.lo = lo;
      changed = true;
    }
    if (hi < r.hi) {
      r.hi = hi;
      changed = true;
    }
    return changed;
  };

  for (let round = 0, changed = true; changed && round < 1000; round++) {
    changed = false;
    for (const { total, members } of relations) {
      const t = rangeOf(total);
      const lows = members.reduce((s, m) => s + rangeOf(m).lo, 0);
      const highs = members.reduce((s, m) => s + rangeOf(m).hi, 0);
      changed = tighten(total, lows, highs) || changed;
      members.forEach((m, i) => {
        // m = total − Σ others
        const others = members.filter((_, j) => j !== i).map(rangeOf);
        const othersLo = others.reduce((s, r) => s + r.lo, 0);
        const othersHi = others.reduce((s, r) => s + r.hi, 0);
        changed = tighten(m, t.lo - othersHi, t.hi - othersLo) || changed;
      });
    }
  }
  return ranges;
}
