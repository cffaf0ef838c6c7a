import { isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { MAX_NOISE } from '@wijksignaal/domain/published/perturbation';
import {
  boundedRanges,
  cellBounds,
  isPinned,
  type CountRelation,
  type Range,
  type ShownCount,
} from '../support/feasible-ranges.ts';
import { cellId, type CellRef } from './published-world.ts';

/**
 * Everything the API answered about the counts of one snapshot, as an attacker collects it: each
 * published cell once (`shown`), whichever view it came from. A cell shown differently by two views is
 * recorded as a conflict, which the test reports (the same cell must be the same number everywhere).
 */
export class Observations {
  readonly cells = new Map<string, { ref: CellRef; shown: ShownCount; seenIn: string }>();
  readonly conflicts: string[] = [];

  record(ref: CellRef, cell: unknown, seenIn: string): void {
    const shown = shownOf(cell);
    const id = cellId(ref);
    const before = this.cells.get(id);
    if (before && before.shown !== shown)
      this.conflicts.push(`${id}: ${String(before.shown)} in ${before.seenIn}, ${String(shown)} in ${seenIn}`);
    if (!before) this.cells.set(id, { ref, shown, seenIn });
  }
}

/** A response cell as the attacker reads it: a number, or withheld (`<k`). Anything else is a test bug. */
function shownOf(cell: unknown): ShownCount {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'object' && cell !== null && (cell as { suppressed?: unknown }).suppressed === true) return 'withheld';
  throw new Error(`not a count cell: ${JSON.stringify(cell)}`);
}

/**
 * The exact additive relations between the true counts of the observed cells: a period of a wijk is the
 * sum of its weeks, a gemeente the sum of its wijken, the region the sum of the gemeenten, and each
 * breakdown of a wijk adds up to its total. (The funnel's centre line, SMR expected values, thresholds and
 * trends are computed from published numbers, with a withheld one as k − 1, so they tell the attacker
 * nothing beyond the cells themselves and add no relation.)
 */
export function relationsOf(
  observations: Observations,
  areas: readonly { code: string; gemeenteCode: string }[],
): CountRelation[] {
  const relations: CountRelation[] = [];
  const refs = [...observations.cells.values()].map((c) => c.ref);
  const gemeenten = [...new Set(areas.map((a) => a.gemeenteCode))];
  const splitKey = (r: CellRef, dimension: string) => [r.theme, r.level, r.area, r.from, r.to, dimension].join('|');
  const splits = new Map<string, string[]>();
  for (const r of refs)
    if (r.dimension !== 'total')
      splits.set(splitKey(r, r.dimension), [...(splits.get(splitKey(r, r.dimension)) ?? []), cellId(r)]);
  for (const ref of refs) {
    const id = cellId(ref);
    if (ref.level === 'wijk' && ref.dimension === 'total' && ref.from !== ref.to) {
      const weeks = isoWeekRange(ref.from, ref.to).map((w) => cellId({ ...ref, from: w, to: w }));
      relations.push({ label: `${id} = its weeks`, total: id, members: weeks });
    }
    if (ref.level === 'gemeente') {
      const wijken = areas.filter((a) => a.gemeenteCode === ref.area).map((a) => cellId({ ...ref, level: 'wijk', area: a.code }));
      relations.push({ label: `${id} = its wijken`, total: id, members: wijken });
    }
    if (ref.level === 'region') {
      const members = gemeenten.map((g) => cellId({ ...ref, level: 'gemeente', area: g }));
      relations.push({ label: `${id} = its gemeenten`, total: id, members });
    }
    if (ref.dimension !== 'total') continue;
    for (const dimension of ['category', 'source', 'ageBand'] as const) {
      const parts = splits.get(splitKey(ref, dimension));
      if (parts) relations.push({ label: `${id} = its ${dimension} cells`, total: id, members: parts });
    }
  }
  return relations;
}

export interface AttackOutcome {
  /** Cells withheld (`<k`) in what the attacker read, with the range left for their true count. */
  withheld: { id: string; range: Range }[];
  /** Withheld cells whose true count the attacker worked out exactly. */
  pinned: string[];
}

/**
 * The attacker over what was observed. Perturbed: each cell as the API showed it. `exact` (the control):
 * the same cells published the old way — their true counts, 1 … k−1 withheld and 0 shown as 0 — to show
 * that this attacker does pin counts when the numbers are exact.
 */
export function attack(
  observations: Observations,
  relations: readonly CountRelation[],
  options: { k: number; exact?: { truth: (ref: CellRef) => number } },
): AttackOutcome {
  const known = new Map<string, Range>();
  const withheld: string[] = [];
  for (const [id, { ref, shown }] of observations.cells) {
    let seen = shown;
    if (options.exact) {
      const n = options.exact.truth(ref);
      seen = n >= 1 && n < options.k ? 'withheld' : n;
    }
    known.set(id, cellBounds(seen, { k: options.k, maxNoise: MAX_NOISE, exact: options.exact !== undefined }));
    if (seen === 'withheld') withheld.push(id);
  }
  const ranges = boundedRanges(known, relations);
  const out = withheld.map((id) => ({ id, range: ranges.get(id)! }));
  return { withheld: out, pinned: out.filter((c) => isPinned(c.range)).map((c) => c.id) };
}
