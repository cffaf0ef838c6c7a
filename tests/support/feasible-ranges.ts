/**
 * The attacker across views (domain/published/README.md): given every count the API publishes and every
 * additive relation between the true counts behind them (weeks → 4-week period and quarter, wijken →
 * gemeente → region, a wijk's breakdown cells → its total), how far can each true count be narrowed down?
 * Interval propagation (`boundedRanges`): each true count starts at what its published cell says about it
 * (`cellBounds`: ±MAX_NOISE around a perturbed count) — or at [0, ∞) when nothing published it — and every
 * relation `total = Σ members` tightens each term from the others, until nothing changes. The bounds are
 * sound (the truth always lies within them); a range that holds one whole number means the count can be
 * worked out from what was published. `feasibleRanges` is the same attacker over exact published numbers
 * (the old design, still used by domain/disclosure's tests of secondary suppression).
 */

/** `total = Σ members` between true counts, named by id. */
export interface CountRelation {
  label: string;
  /** Ids of true counts: the total and the parts it is the exact sum of. */
  total: string;
  members: readonly string[];
}

/** A published number, or a hidden count by id (the form domain/disclosure's tests use). */
export type Term = { value: number } | { hidden: string };

/** A relation between published numbers and hidden counts: `total = Σ members`. */
export interface PublishedRelation {
  label: string;
  total: Term;
  members: readonly Term[];
}

export interface Range {
  lo: number;
  hi: number;
}

/** What a published cell shows, as an attacker reads it. */
export type ShownCount = number | 'withheld';

/**
 * What one published cell says about its true count n. Perturbed (the design): a number p (always at
 * least k) says n ∈ [max(1, p − maxNoise), p + maxNoise]; withheld (`<k`, no row) says n ∈
 * [0, k − 1 + maxNoise] — a true zero is withheld too. `exact` (the control: true counts, primary
 * suppression only, 0 shown as 0): p says n = p, 0 says n = 0 and withheld says n ∈ [1, k − 1].
 */
export function cellBounds(shown: ShownCount, options: { k: number; maxNoise: number; exact?: boolean }): Range {
  const { k, maxNoise, exact } = options;
  if (exact) return shown === 'withheld' ? { lo: 1, hi: k - 1 } : { lo: shown, hi: shown };
  if (shown === 'withheld') return { lo: 0, hi: k - 1 + maxNoise };
  return { lo: Math.max(1, shown - maxNoise), hi: shown + maxNoise };
}

/** Whether a range leaves the count exactly one whole number. */
export function isPinned(range: Range): boolean {
  return Math.floor(range.hi + 1e-9) - Math.ceil(range.lo - 1e-9) < 1;
}

/** Exact published numbers and hidden counts: the range each hidden count keeps (no noise assumed). */
export function feasibleRanges(relations: readonly PublishedRelation[]): Map<string, Range> {
  const known = new Map<string, Range>();
  const idOf = (t: Term): string => {
    if ('hidden' in t) return `hidden:${t.hidden}`;
    known.set(`value:${t.value}`, { lo: t.value, hi: t.value });
    return `value:${t.value}`;
  };
  const ranges = boundedRanges(
    known,
    relations.map((r) => ({ label: r.label, total: idOf(r.total), members: r.members.map(idOf) })),
  );
  return new Map([...ranges].filter(([id]) => id.startsWith('hidden:')).map(([id, r]) => [id.slice('hidden:'.length), r]));
}

/** The range of every true count given where each started (`known`; others [0, ∞)) and the relations. */
export function boundedRanges(known: ReadonlyMap<string, Range>, relations: readonly CountRelation[]): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const rangeOf = (id: string): Range => {
    let r = ranges.get(id);
    if (!r) {
      const start = known.get(id);
      ranges.set(id, (r = start ? { ...start } : { lo: 0, hi: Infinity }));
    }
    return r;
  };
  for (const id of known.keys()) rangeOf(id);
  for (const relation of relations) [relation.total, ...relation.members].forEach(rangeOf);

  const tighten = (id: string, lo: number, hi: number): boolean => {
    const r = rangeOf(id);
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
