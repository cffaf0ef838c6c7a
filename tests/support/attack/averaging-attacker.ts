import { knownZeros, type Identity, type PublishedFact } from './published-fact.ts';

/**
 * The averaging attacker: perturbation noise has mean 0, so an attacker may hope that many independent
 * noisy readings of the same count average out. For each target unknown it collects every estimate it can
 * form from published *numbers*:
 * - a published cell that is exactly the unknown (`p`);
 * - a published cell that contains it, minus published cells that exactly make up the rest (a 4-week
 *   period minus its other weeks, a gemeente-week minus its other wijken, a region-quarter minus the other
 *   gemeenten, its own gemeente's other wijken and its own wijk's other periods, …); the rest is covered
 *   greedily, largest published cell first, by disjoint published numbers (known zeros need no cover);
 * - for a wijk-week total, the sum over the parts of one breakdown (category, source kind or age band)
 *   of each part's own mean estimate, when every part that is not a known zero has one (a wijk-week is
 *   the sum of its category cells when all are numbers).
 * It averages them, rounds, clamps to 1 … k−1 (a target is a cell the attacker knows is not 0) and
 * guesses; with no estimate at all it guesses `fallback` (the commonest small value).
 *
 * Besides the plain mean (`guess`) it also forms the inverse-variance weighted mean (`weightedGuess`):
 * an estimate built from j published cells carries j independent noises.
 */

export interface Estimate {
  value: number;
  /** How many published cells (each with its own noise) the estimate combines. */
  cells: number;
}

export interface AveragingGuess {
  target: string;
  estimates: Estimate[];
  guess: number;
  weightedGuess: number;
}

export interface AveragingOptions {
  k: number;
  /** The guess when no estimate exists; default 1. */
  fallback?: number;
}

interface NumberFact {
  live: string[];
  liveSet: Set<string>;
  value: number;
}

export function averagingAttack(
  input: { facts: readonly PublishedFact[]; identities: readonly Identity[]; targets: readonly string[] },
  options: AveragingOptions,
): Map<string, AveragingGuess> {
  const { k } = options;
  const fallback = options.fallback ?? 1;
  const zeros = knownZeros(input.facts);

  // Published numbers over the unknowns that are not known zeros; one per distinct cell set (two cells
  // that hold exactly the same signals have the same key and so the same published value).
  const byCells = new Map<string, NumberFact>();
  for (const f of input.facts) {
    if (typeof f.value !== 'number' || f.value === 0) continue;
    const live = [...new Set(f.cells)].filter((c) => !zeros.has(c)).sort();
    if (live.length === 0) continue;
    const key = live.join(',');
    if (!byCells.has(key)) byCells.set(key, { live, liveSet: new Set(live), value: f.value });
  }
  const factsOfCell = new Map<string, NumberFact[]>();
  for (const f of byCells.values())
    for (const c of f.live) {
      let list = factsOfCell.get(c);
      if (!list) factsOfCell.set(c, (list = []));
      list.push(f);
    }

  // The published numbers that lie inside a fact, largest first (computed once per fact).
  const subFactsMemo = new Map<NumberFact, NumberFact[]>();
  const subFacts = (f: NumberFact): NumberFact[] => {
    let subs = subFactsMemo.get(f);
    if (subs) return subs;
    const candidates = new Set<NumberFact>();
    for (const c of f.live) for (const g of factsOfCell.get(c) ?? []) if (g.live.length < f.live.length) candidates.add(g);
    subs = [...candidates].filter((g) => g.live.every((c) => f.liveSet.has(c))).sort((a, b) => b.live.length - a.live.length);
    subFactsMemo.set(f, subs);
    return subs;
  };

  const differenceMemo = new Map<string, Estimate[]>();
  const differenceEstimates = (u: string): Estimate[] => {
    let out = differenceMemo.get(u);
    if (out) return out;
    out = [];
    for (const f of factsOfCell.get(u) ?? []) {
      if (f.live.length === 1) {
        out.push({ value: f.value, cells: 1 });
        continue;
      }
      // Cover f minus u by disjoint published numbers inside it, largest first.
      const covered = new Set<string>([u]);
      let value = f.value;
      let cells = 1;
      for (const g of subFacts(f)) {
        if (g.liveSet.has(u) || g.live.some((c) => covered.has(c))) continue;
        for (const c of g.live) covered.add(c);
        value -= g.value;
        cells++;
        if (covered.size === f.live.length) break;
      }
      if (covered.size === f.live.length) out.push({ value, cells });
    }
    differenceMemo.set(u, out);
    return out;
  };

  const splitsOf = new Map<string, string[][]>();
  for (const { total, parts } of input.identities) {
    let list = splitsOf.get(total);
    if (!list) splitsOf.set(total, (list = []));
    list.push(parts);
  }

  const clamp = (v: number): number => Math.min(k - 1, Math.max(1, Math.round(v)));
  const out = new Map<string, AveragingGuess>();
  for (const target of new Set(input.targets)) {
    if (zeros.has(target)) continue;
    const estimates = [...differenceEstimates(target)];
    for (const parts of splitsOf.get(target) ?? []) {
      const live = parts.filter((p) => !zeros.has(p));
      const perPart = live.map(differenceEstimates);
      if (live.length === 0 || perPart.some((e) => e.length === 0)) continue;
      estimates.push({
        value: perPart.reduce((s, e) => s + mean(e.map((x) => x.value)), 0),
        // The noise variance of a part's mean of n estimates is about (their mean cell count) / n.
        cells: perPart.reduce((s, e) => s + mean(e.map((x) => x.cells)) / e.length, 0),
      });
    }
    if (estimates.length === 0) {
      out.set(target, { target, estimates, guess: fallback, weightedGuess: fallback });
      continue;
    }
    const weights = estimates.map((e) => 1 / e.cells);
    const weighted = estimates.reduce((s, e, i) => s + e.value * weights[i]!, 0) / weights.reduce((s, w) => s + w, 0);
    out.set(target, { target, estimates, guess: clamp(mean(estimates.map((e) => e.value))), weightedGuess: clamp(weighted) });
  }
  return out;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export interface HitRates {
  /** Targets whose true count is 1 … k−1. */
  targets: number;
  hits: number;
  hitRate: number;
  weightedHits: number;
  weightedHitRate: number;
  /** The commonest true value among them, and its share: the hit rate of always guessing it. */
  baselineValue: number;
  baselineRate: number;
  /** The same, over the targets that had at least one estimate. */
  withEstimates: { targets: number; hitRate: number; weightedHitRate: number; baselineRate: number };
}

/** Exact hit rates over the targets whose true count is 1 … k−1, against the commonest-value baseline. */
export function hitRates(guesses: ReadonlyMap<string, AveragingGuess>, truth: ReadonlyMap<string, number>, k: number): HitRates {
  const trueOf = (g: AveragingGuess): number => truth.get(g.target) ?? 0;
  const small = [...guesses.values()].filter((g) => trueOf(g) >= 1 && trueOf(g) <= k - 1);
  const mode = (gs: readonly AveragingGuess[]): { value: number; rate: number } => {
    const counts = new Map<number, number>();
    for (const g of gs) counts.set(trueOf(g), (counts.get(trueOf(g)) ?? 0) + 1);
    let best = { value: 1, n: 0 };
    for (const [value, n] of counts) if (n > best.n) best = { value, n };
    return { value: best.value, rate: gs.length ? best.n / gs.length : 0 };
  };
  const hitsOf = (gs: readonly AveragingGuess[], pick: (g: AveragingGuess) => number): number =>
    gs.filter((g) => pick(g) === trueOf(g)).length;
  const rate = (gs: readonly AveragingGuess[], pick: (g: AveragingGuess) => number): number =>
    gs.length ? hitsOf(gs, pick) / gs.length : 0;
  const base = mode(small);
  const informed = small.filter((g) => g.estimates.length > 0);
  return {
    targets: small.length,
    hits: hitsOf(small, (g) => g.guess),
    hitRate: rate(small, (g) => g.guess),
    weightedHits: hitsOf(small, (g) => g.weightedGuess),
    weightedHitRate: rate(small, (g) => g.weightedGuess),
    baselineValue: base.value,
    baselineRate: base.rate,
    withEstimates: {
      targets: informed.length,
      hitRate: rate(informed, (g) => g.guess),
      weightedHitRate: rate(informed, (g) => g.weightedGuess),
      baselineRate: mode(informed).rate,
    },
  };
}
