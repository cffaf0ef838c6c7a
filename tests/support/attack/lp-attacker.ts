import loadHighs, { type Highs, type Model } from 'highs';
import { knownZeros, type Identity, type PublishedFact } from './published-fact.ts';

/**
 * The linear-programming attacker: every published fact bounds the sum of its finest unknowns, the
 * identities tie each wijk-week's total to its splits, everything is ≥ 0; for each target unknown it
 * computes the smallest and largest value any (continuous) solution allows — two LP solves (HiGHS,
 * WebAssembly) unless a bound is already known to be reached (below).
 *
 * What a fact with published value p says (k the threshold, m the largest noise):
 * - perturbed design (default): p ≥ k means p − m ≤ Σ ≤ p + m (and Σ ≥ 1: an empty cell is never shown);
 *   withheld (`<k`, no row) means 0 ≤ Σ ≤ k − 1 + m: the table does not tell 0 from a few.
 * - `exact: true` (the old design, primary suppression only): p means Σ = p; withheld means 1 ≤ Σ ≤ k − 1.
 *
 * A target is *pinned* when its interval holds exactly one whole number:
 * `ceil(min − 1e-6) === floor(max + 1e-6)` — the attacker then knows the count.
 *
 * Speed: the unknowns a zero fact covers are removed first; the rest splits into independent components
 * (one per theme: no published cell spans two themes), each built once as a persistent HiGHS model.
 * Between targets only the objective changes, so each primal-simplex solve starts from the previous
 * optimal basis. Every optimal vertex is a feasible solution: when one already puts a target on a bound
 * it cannot pass (a row over that target alone, such as its own published wijk-week cell), that bound is
 * its exact min or max and needs no solve of its own.
 */

export interface LpAttackOptions {
  /** The threshold below which a published value is withheld (`<k`). */
  k: number;
  /** The largest noise the attacker assumes (domain/published MAX_NOISE); ignored when `exact`. */
  maxNoise: number;
  /** Published numbers are true counts (primary suppression only, no noise). */
  exact?: boolean;
  /** For pinned targets, name the facts whose constraints are binding at the two optima (nonzero duals). */
  explain?: boolean;
}

export interface TargetInterval {
  target: string;
  min: number;
  max: number;
  pinned: boolean;
  /**
   * With `explain`, for a pinned target: the facts that prove its min and max (rows with a nonzero dual
   * at the optimum, with the dual: min = Σ dual × bound), or the one row over the target alone.
   */
  binding?: { min: string[]; max: string[] };
}

export interface LpAttackResult {
  intervals: Map<string, TargetInterval>;
  /** LP solves run. */
  solves: number;
  /** Simplex iterations over all solves. */
  iterations: number;
  /** Columns and rows over all components with a target. */
  variables: number;
  rows: number;
  components: number;
  seconds: number;
}

export function isPinned(min: number, max: number): boolean {
  return Math.ceil(min - 1e-6) === Math.floor(max + 1e-6);
}

/** The interval a fact puts on the sum of its cells. */
export function factBounds(value: PublishedFact['value'], options: LpAttackOptions): [number, number] {
  const { k, maxNoise, exact } = options;
  // The published table withholds 0 like any count below k; the old design showed 0 and withheld 1 … k−1.
  if (value === 'withheld') return exact ? [1, k - 1] : [0, k - 1 + maxNoise];
  if (value === 0) return [0, 0];
  if (exact) return [value, value];
  return [Math.max(1, value - maxNoise), value + maxNoise];
}

interface Row {
  cols: string[];
  coefs: number[];
  lo: number;
  hi: number;
  label: string;
}

let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(a: string): string {
    const p = this.parent.get(a);
    if (p === undefined || p === a) return a;
    const root = this.find(p);
    this.parent.set(a, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** The rows the facts and identities give once known zeros are taken out. */
function rowsOf(
  facts: readonly PublishedFact[],
  identities: readonly Identity[],
  zeros: ReadonlySet<string>,
  options: LpAttackOptions,
): Row[] {
  const rows: Row[] = [];
  for (const fact of facts) {
    if (fact.value === 0) continue;
    const [lo, hi] = factBounds(fact.value, options);
    const cols = [...new Set(fact.cells)].filter((c) => !zeros.has(c));
    const label = fact.label ?? fact.cells.join('+');
    if (cols.length === 0) {
      if (lo > 0) throw new Error(`facts contradict each other: ${label} is ${fact.value} but all its cells are known zeros`);
      continue;
    }
    rows.push({ cols, coefs: cols.map(() => 1), lo, hi, label: `${label} [${fact.value}]` });
  }
  for (const { total, parts } of identities) {
    if (zeros.has(total)) continue;
    const live = parts.filter((p) => !zeros.has(p));
    if (live.length === 0) throw new Error(`facts contradict each other: ${total} is not a known zero but all its parts are`);
    rows.push({
      cols: [total, ...live],
      coefs: [1, ...live.map(() => -1)],
      lo: 0,
      hi: 0,
      label: `identity ${total} = Σ ${live.length} parts`,
    });
  }
  return rows;
}

/**
 * Bounds on every column implied by the rows one at a time (interval propagation, repeated until
 * nothing moves): each is implied by the LP, so the LP's own min and max lie within them.
 */
function propagate(
  rows: readonly Row[],
  numCols: number,
  colOf: (c: string) => number,
  passes = 40,
): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(numCols);
  const hi = new Float64Array(numCols).fill(Infinity);
  const cols = rows.map((r) => r.cols.map(colOf));
  for (let pass = 0, changed = true; changed && pass < passes; pass++) {
    changed = false;
    rows.forEach((row, r) => {
      const idx = cols[r]!;
      // Least and greatest activity of the row, and how many terms are unbounded on each side.
      let minAct = 0;
      let maxAct = 0;
      let minInf = 0;
      let maxInf = 0;
      idx.forEach((c, j) => {
        const a = row.coefs[j]!;
        const l = a > 0 ? a * lo[c]! : a * hi[c]!;
        const h = a > 0 ? a * hi[c]! : a * lo[c]!;
        if (l === -Infinity) minInf++;
        else minAct += l;
        if (h === Infinity) maxInf++;
        else maxAct += h;
      });
      idx.forEach((c, j) => {
        const a = row.coefs[j]!;
        const l = a > 0 ? a * lo[c]! : a * hi[c]!;
        const h = a > 0 ? a * hi[c]! : a * lo[c]!;
        // Bounds on a·x from the row: [row.lo − max of the others, row.hi − min of the others].
        const othersMax = h === Infinity ? (maxInf > 1 ? Infinity : maxAct) : maxInf > 0 ? Infinity : maxAct - h;
        const othersMin = l === -Infinity ? (minInf > 1 ? -Infinity : minAct) : minInf > 0 ? -Infinity : minAct - l;
        const axLo = row.lo - othersMax;
        const axHi = row.hi - othersMin;
        const xLo = a > 0 ? axLo / a : axHi / a;
        const xHi = a > 0 ? axHi / a : axLo / a;
        if (xLo > lo[c]! + 1e-9) {
          lo[c] = xLo;
          changed = true;
        }
        if (xHi < hi[c]! - 1e-9) {
          hi[c] = xHi;
          changed = true;
        }
      });
    });
  }
  return { lo, hi };
}

export async function lpAttack(
  input: { facts: readonly PublishedFact[]; identities: readonly Identity[]; targets: readonly string[] },
  options: LpAttackOptions,
): Promise<LpAttackResult> {
  const started = performance.now();
  const solver = await highs();
  const zeros = knownZeros(input.facts);
  const rows = rowsOf(input.facts, input.identities, zeros, options);

  const uf = new UnionFind();
  for (const row of rows) for (const c of row.cols.slice(1)) uf.union(row.cols[0]!, c);
  const components = new Map<string, { rows: Row[]; targets: string[] }>();
  const componentOf = (col: string): { rows: Row[]; targets: string[] } => {
    const root = uf.find(col);
    let comp = components.get(root);
    if (!comp) components.set(root, (comp = { rows: [], targets: [] }));
    return comp;
  };
  for (const row of rows) componentOf(row.cols[0]!).rows.push(row);

  const intervals = new Map<string, TargetInterval>();
  for (const target of new Set(input.targets)) {
    if (zeros.has(target)) intervals.set(target, { target, min: 0, max: 0, pinned: true });
    else componentOf(target).targets.push(target);
  }

  let solves = 0;
  let iterations = 0;
  let variables = 0;
  let rowCount = 0;
  for (const comp of components.values()) {
    if (comp.targets.length === 0) continue;
    const colIndex = new Map<string, number>();
    for (const row of comp.rows) for (const c of row.cols) if (!colIndex.has(c)) colIndex.set(c, colIndex.size);
    for (const t of comp.targets) if (!colIndex.has(t)) colIndex.set(t, colIndex.size);
    const numCols = colIndex.size;
    const numRows = comp.rows.length;
    variables += numCols;
    rowCount += numRows;
    const starts = new Int32Array(numRows + 1);
    const nnz = comp.rows.reduce((s, r) => s + r.cols.length, 0);
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const rowLower = new Float64Array(numRows);
    const rowUpper = new Float64Array(numRows);
    let at = 0;
    comp.rows.forEach((row, i) => {
      starts[i] = at;
      row.cols.forEach((c, j) => {
        indices[at] = colIndex.get(c)!;
        values[at] = row.coefs[j]!;
        at++;
      });
      rowLower[i] = row.lo;
      rowUpper[i] = row.hi;
    });
    starts[numRows] = at;

    const model: Model = solver.createModel({
      numCols,
      numRows,
      colCost: new Float64Array(numCols),
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(solver.infinity),
      rowLower,
      rowUpper,
      matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    });
    try {
      // The first (cold) solve is presolved; afterwards each solve starts from the last optimal basis.
      model.options.set({ output_flag: false, presolve: 'on', solver: 'simplex', simplex_strategy: 4 });
      const targetCols = comp.targets.map((t) => colIndex.get(t)!);
      // Bounds the rows imply one by one: when an optimal vertex puts a target on one, that is its min or max.
      const implied = propagate(comp.rows, numCols, (c) => colIndex.get(c)!);
      // The least and greatest value of each target over the optimal vertices met so far.
      const seenLo = new Float64Array(numCols).fill(Infinity);
      const seenHi = new Float64Array(numCols).fill(-Infinity);
      const observe = (): void => {
        const x = model.getSolution().colValue;
        for (const c of targetCols) {
          if (x[c]! < seenLo[c]!) seenLo[c] = x[c]!;
          if (x[c]! > seenHi[c]!) seenHi[c] = x[c]!;
        }
      };
      const run = (sense: 'min' | 'max', what: string): number => {
        model.changeObjectiveSense(
          sense === 'min' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize,
        );
        model.run();
        solves++;
        iterations += Number(model.info.get('simplex_iteration_count'));
        const status = model.getModelStatus();
        // Unbounded above: nothing published caps this unknown (not so for a published wijk-week).
        if (status === 10 && sense === 'max') return Infinity;
        if (status !== 7) throw new Error(`LP for ${what} (${sense}) ended with model status ${status}`);
        observe();
        return model.getObjectiveValue();
      };
      const bindingRows = (): string[] => {
        const binding: string[] = [];
        model.getSolution().rowDual.forEach((d, i) => {
          if (Math.abs(d) > 1e-9) binding.push(`${comp.rows[i]!.label} (dual ${d.toFixed(3)})`);
        });
        return binding;
      };

      // First all targets at once, both ways: their vertices put many targets on their own bounds.
      const allTargets = { kind: 'set' as const, indices: Int32Array.from([...targetCols].sort((a, b) => a - b)) };
      model.changeColsCost(allTargets, new Float64Array(targetCols.length).fill(1));
      run('min', 'all targets');
      model.options.set({ presolve: 'off' });
      run('max', 'all targets');
      model.changeColsCost(allTargets, new Float64Array(targetCols.length));

      let costed = -1;
      let explainNow = false;
      const extreme = (i: number, sense: 'min' | 'max'): { value: number; binding: string[] } => {
        const col = targetCols[i]!;
        const bound = (sense === 'min' ? implied.lo : implied.hi)[col]!;
        const seen = (sense === 'min' ? seenLo : seenHi)[col]!;
        if (Math.abs(seen - bound) <= 1e-7 && !explainNow) return { value: bound, binding: [] };
        if (costed !== col) {
          if (costed >= 0) model.changeColCost(costed, 0);
          model.changeColCost(col, 1);
          costed = col;
        }
        const value = run(sense, comp.targets[i]!);
        return { value, binding: explainNow ? bindingRows() : [] };
      };
      for (const [i, target] of comp.targets.entries()) {
        const col = targetCols[i]!;
        let lo: { value: number; binding: string[] };
        let hi: { value: number; binding: string[] };
        if (implied.lo[col] === implied.hi[col]) {
          lo = { value: implied.lo[col]!, binding: [] };
          hi = { value: implied.hi[col]!, binding: [] };
        } else {
          lo = extreme(i, 'min');
          hi = extreme(i, 'max');
        }
        const pinned = isPinned(lo.value, hi.value);
        if (pinned && options.explain) {
          // Solve both ways after all, for the rows that prove the bounds.
          explainNow = true;
          lo = extreme(i, 'min');
          hi = extreme(i, 'max');
          explainNow = false;
        }
        intervals.set(target, {
          target,
          min: lo.value,
          max: hi.value,
          pinned,
          ...(options.explain && pinned ? { binding: { min: lo.binding, max: hi.binding } } : {}),
        });
      }
    } finally {
      model.dispose();
    }
  }
  return {
    intervals,
    solves,
    iterations,
    variables,
    rows: rowCount,
    components: components.size,
    seconds: (performance.now() - started) / 1000,
  };
}
