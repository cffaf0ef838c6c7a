/**
 * What an attacker has read, in a form that knows nothing about where it was read (a DuckDB published
 * table, API answers, a CSV export): each published number is a `PublishedFact` that says something about
 * the sum of some *finest unknowns*.
 *
 * The finest unknowns, per theme, wijk and ISO week (a Monday date, as in `published_counts`):
 * - `x` — the wijk's weekly total (the counts an attacker wants);
 * - `y_cat[c]`, `y_src[s]`, `y_age[a]` — its split by category, source kind and age band.
 * They are tied by `x = Σ_c y_cat = Σ_s y_src = Σ_a y_age` (`identitiesOf`), all ≥ 0.
 *
 * This is a relaxation of the true joint table (category × source kind × age band per wijk-week): the
 * attacker is not told that one signal has one category *and* one source *and* one age band at once,
 * only that each split adds up to the total. The real table satisfies every constraint here, so every
 * interval derived from this model still contains the truth; it can only be wider than one derived from
 * the joint table, which helps the defender, slightly at most. Here not at all, in fact: no published
 * cell crosses two breakdowns, and any non-negative (integer) margins with equal totals are the margins
 * of some non-negative (integer) joint table (x_csa = y_c·y_s·y_a / x², or north-west corner filling).
 */

export type SplitDimension = 'category' | 'source' | 'ageBand';
export const SPLIT_DIMENSIONS: readonly SplitDimension[] = ['category', 'source', 'ageBand'];

/** A published count as an attacker sees it: a number (0 is a true zero) or withheld (`<k`). */
export type FactValue = number | 'withheld';

export interface PublishedFact {
  /** Ids of the finest unknowns the published cell sums (each once). */
  cells: string[];
  /** The published count: ≥ k, 0 (a true zero: also what a missing row means) or withheld. */
  value: FactValue;
  /** Where it was read, for reports (`theme level area period dimension=value`). */
  label?: string;
}

/** `total = Σ parts`: how the finest unknowns of one wijk-week relate. */
export interface Identity {
  total: string;
  parts: string[];
}

/** Everything the attacker knows about the shape of the data (all of it public). */
export interface AttackUniverse {
  themes: readonly { theme: string; categories: readonly string[] }[];
  sources: readonly string[];
  ageBands: readonly string[];
  wijken: readonly { code: string; gemeente: string }[];
  /**
   * Monday dates (YYYY-MM-DD) of the weeks modelled. A published period may reach beyond them (a year);
   * its weeks outside this list must be weeks the attacker has read as true zeros (every wijk 0), so they
   * contribute nothing and are left out of its cells.
   */
  weeks: readonly string[];
}

/** The wijk's weekly total: the target unknown. */
export function totalUnknown(theme: string, wijk: string, week: string): string {
  return `x|${theme}|${wijk}|${week}`;
}

const SPLIT_PREFIX: Record<SplitDimension, string> = { category: 'c', source: 's', ageBand: 'a' };

/** One part of a wijk-week's split by category, source kind or age band. */
export function splitUnknown(theme: string, wijk: string, week: string, dimension: SplitDimension, value: string): string {
  return `${SPLIT_PREFIX[dimension]}|${theme}|${wijk}|${week}|${value}`;
}

/** The coordinates of a total unknown (`totalUnknown`), or null for a split unknown. */
export function parseTotalUnknown(id: string): { theme: string; wijk: string; week: string } | null {
  const [kind, theme, wijk, week] = id.split('|');
  return kind === 'x' && theme && wijk && week ? { theme, wijk, week } : null;
}

function splitValues(universe: AttackUniverse, theme: string, dimension: SplitDimension): readonly string[] {
  if (dimension === 'source') return universe.sources;
  if (dimension === 'ageBand') return universe.ageBands;
  const t = universe.themes.find((x) => x.theme === theme);
  if (!t) throw new Error(`theme ${theme} is not in the universe`);
  return t.categories;
}

/** `x = Σ parts` for every theme, wijk, week and split dimension. */
export function identitiesOf(universe: AttackUniverse): Identity[] {
  const out: Identity[] = [];
  for (const { theme } of universe.themes)
    for (const { code } of universe.wijken)
      for (const week of universe.weeks)
        for (const dimension of SPLIT_DIMENSIONS)
          out.push({
            total: totalUnknown(theme, code, week),
            parts: splitValues(universe, theme, dimension).map((v) => splitUnknown(theme, code, week, dimension, v)),
          });
  return out;
}

/** Every total unknown of the universe (all candidate targets). */
export function totalUnknownsOf(universe: AttackUniverse): string[] {
  return universe.themes.flatMap(({ theme }) =>
    universe.wijken.flatMap(({ code }) => universe.weeks.map((week) => totalUnknown(theme, code, week))),
  );
}

/** One row of the published table (`published_counts`), as read from anywhere. */
export interface PublishedRow {
  theme: string;
  level: 'wijk' | 'gemeente' | 'region';
  area: string;
  /** Monday dates (YYYY-MM-DD) of the period's first and last week. */
  periodFrom: string;
  periodTo: string;
  dimension: 'total' | SplitDimension;
  /** '' for the total. */
  value: string;
  /** The published count; null when withheld. */
  count: number | null;
}

type CellCoordinates = Pick<PublishedRow, 'theme' | 'level' | 'area' | 'periodFrom' | 'periodTo' | 'dimension' | 'value'>;

/** A published period of one theme (its Mondays). */
export interface PublishedPeriodRef {
  theme: string;
  from: string;
  to: string;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Mondays from `from` to `to` inclusive. */
export function mondaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let w = from; w <= to; w = addDays(w, 7)) out.push(w);
  return out;
}

function wijkenOf(universe: AttackUniverse, level: PublishedRow['level'], area: string): string[] {
  if (level === 'wijk') return [area];
  if (level === 'gemeente') return universe.wijken.filter((w) => w.gemeente === area).map((w) => w.code);
  return universe.wijken.map((w) => w.code);
}

/** The finest unknowns a published cell sums. */
export function cellsOf(universe: AttackUniverse, cell: CellCoordinates): string[] {
  const modelled = new Set(universe.weeks);
  const weeks = mondaysBetween(cell.periodFrom, cell.periodTo).filter((w) => modelled.has(w));
  const wijken = wijkenOf(universe, cell.level, cell.area);
  if (wijken.length === 0) throw new Error(`no wijk of the universe lies in ${cell.level} ${cell.area}`);
  const out: string[] = [];
  for (const wijk of wijken)
    for (const week of weeks)
      out.push(
        cell.dimension === 'total'
          ? totalUnknown(cell.theme, wijk, week)
          : splitUnknown(cell.theme, wijk, week, cell.dimension, cell.value),
      );
  return out;
}

function labelOf(c: CellCoordinates): string {
  const period = c.periodFrom === c.periodTo ? c.periodFrom : `${c.periodFrom}..${c.periodTo}`;
  return `${c.theme} ${c.level} ${c.area} ${period} ${c.dimension}${c.value ? `=${c.value}` : ''}`;
}

/**
 * Facts from published rows. Each cell of the given `periods` (default: every theme-period that has a
 * row) that has no row is a fact too: withheld (`<k`, which in the published table covers 0 as well), or
 * with `missing: 'zero'` a true zero (the old design, where a missing row meant 0).
 */
export function factsFromPublishedRows(
  rows: readonly PublishedRow[],
  universe: AttackUniverse,
  options: { periods?: readonly PublishedPeriodRef[]; missing?: 'withheld' | 'zero' | 'absent' } = {},
): PublishedFact[] {
  const key = (c: CellCoordinates): string =>
    [c.theme, c.level, c.area, c.periodFrom, c.periodTo, c.dimension, c.value].join('|');
  const facts: PublishedFact[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(key(row));
    facts.push({ cells: cellsOf(universe, row), value: row.count === null ? 'withheld' : row.count, label: labelOf(row) });
  }
  if (options.missing === 'absent') return facts;
  const missingValue: FactValue = options.missing === 'zero' ? 0 : 'withheld';

  const periods = new Map<string, PublishedPeriodRef>();
  for (const p of options.periods ?? rows.map((r) => ({ theme: r.theme, from: r.periodFrom, to: r.periodTo })))
    periods.set(`${p.theme}|${p.from}|${p.to}`, p);
  const gemeenten = [...new Set(universe.wijken.map((w) => w.gemeente))];
  const areas: { level: PublishedRow['level']; area: string }[] = [
    ...universe.wijken.map((w) => ({ level: 'wijk' as const, area: w.code })),
    ...gemeenten.map((g) => ({ level: 'gemeente' as const, area: g })),
    { level: 'region', area: 'region' },
  ];
  for (const { theme, from, to } of periods.values()) {
    const splits: { dimension: PublishedRow['dimension']; value: string }[] = [
      { dimension: 'total', value: '' },
      ...SPLIT_DIMENSIONS.flatMap((dimension) => splitValues(universe, theme, dimension).map((value) => ({ dimension, value }))),
    ];
    for (const { level, area } of areas)
      for (const { dimension, value } of splits) {
        const cell = { theme, level, area, periodFrom: from, periodTo: to, dimension, value };
        if (seen.has(key(cell))) continue;
        const cells = cellsOf(universe, cell);
        if (cells.length > 0) facts.push({ cells, value: missingValue, label: labelOf(cell) });
      }
  }
  return facts;
}

/** The true sum of a fact's cells, given the true value of every finest unknown (missing = 0). */
export function trueSum(fact: PublishedFact, truth: ReadonlyMap<string, number>): number {
  return fact.cells.reduce((s, c) => s + (truth.get(c) ?? 0), 0);
}

/**
 * The same cells published the old way (for the control): the true count, withheld from 1 to k−1,
 * 0 as 0 — no noise.
 */
export function exactlyPublished(
  facts: readonly PublishedFact[],
  truth: ReadonlyMap<string, number>,
  k: number,
): PublishedFact[] {
  return facts.map((f) => {
    const n = trueSum(f, truth);
    return { ...f, value: n === 0 ? 0 : n < k ? 'withheld' : n };
  });
}

/** Unknowns that a fact of value 0 shows to be zero (all counts are ≥ 0). */
export function knownZeros(facts: readonly PublishedFact[]): Set<string> {
  const zeros = new Set<string>();
  for (const f of facts) if (f.value === 0) for (const c of f.cells) zeros.add(c);
  return zeros;
}

/** One signal of a known truth, as far as the attack model sees it (the week as its Monday). */
export interface TruthSignal {
  theme: string;
  wijk: string;
  weekMonday: string;
  category: string;
  sourceKind: string;
  ageBand: string;
}

/** The true value of every finest unknown that is not zero: each signal counts once in its total and splits. */
export function truthOf(signals: Iterable<TruthSignal>): Map<string, number> {
  const truth = new Map<string, number>();
  const add = (id: string): void => void truth.set(id, (truth.get(id) ?? 0) + 1);
  for (const s of signals) {
    add(totalUnknown(s.theme, s.wijk, s.weekMonday));
    add(splitUnknown(s.theme, s.wijk, s.weekMonday, 'category', s.category));
    add(splitUnknown(s.theme, s.wijk, s.weekMonday, 'source', s.sourceKind));
    add(splitUnknown(s.theme, s.wijk, s.weekMonday, 'ageBand', s.ageBand));
  }
  return truth;
}
