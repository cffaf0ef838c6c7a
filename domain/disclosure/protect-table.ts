/**
 * The one entry point the API uses before any response or export leaves the server: takes the rows a
 * response is about to publish, hides small counts, hides the complements that would give them away in
 * every additive relation the response (or another view) exposes, and hides whatever was derived from a
 * hidden count or computed over too few residents. Pure; the rows are not changed.
 */
import { protectDerived, resolveMinDenominator } from './derived-suppression.ts';
import { assertCount, isSmallCount, resolveK } from './primary-suppression.ts';
import { suppressSecondary, type AdditiveRelation, type CellStatus } from './secondary-suppression.ts';
import { hidden, smallCount, type Cell, type Suppressed } from './suppressed-value.ts';

export type NumericKey<Row> = { [K in keyof Row]-?: Row[K] extends number ? K : never }[keyof Row];

export interface TableRelation<Row> {
  /** Name under which this relation's totals appear in the result, e.g. `gemeente`. */
  name: string;
  /** The group a row adds up into (e.g. its gemeente, or its week); null keeps the row out of this relation. */
  key: (row: Row) => string | null;
  /**
   * Whether the response shows the group totals; they are then returned, protected like any count.
   * Either way the relation is protected, because a total can be seen elsewhere (another view, an export).
   */
  totalPublished: boolean;
  /**
   * Add up the group totals of this earlier relation instead of the rows: the next level of a hierarchy
   * (wijken → gemeente → region). The gemeente totals are then cells of the region relation, so a hidden
   * gemeente is protected against the region total and against its own wijken at once. `key` is asked of
   * each group's first row; the earlier relation must publish its totals.
   */
  ofTotals?: string;
}

/** A derived field is hidden with its count; with a `denominatorField` also when that is below the minimum. */
export type DerivedField<Row, D extends keyof Row> = D | { field: D; denominatorField: keyof Row };

export interface ProtectTableInput<Row, C extends NumericKey<Row>, D extends keyof Row = never> {
  rows: readonly Row[];
  countField: C;
  derivedFields?: readonly DerivedField<Row, D>[];
  relations?: readonly TableRelation<Row>[];
  /** Smallest count that may be published; default 5, never below 3. */
  k?: number;
  /** Smallest denominator a rate may be computed over; default 100. */
  minDenominator?: number;
}

export type ProtectedRow<Row, C extends keyof Row, D extends keyof Row> = Omit<Row, C | D> & { [K in C]: Cell } & {
  [K in D]: Row[K] | Suppressed;
};

export interface GroupTotal {
  key: string;
  count: Cell;
}

export interface ProtectedTable<Row, C extends keyof Row, D extends keyof Row> {
  rows: ProtectedRow<Row, C, D>[];
  /** Per relation with `totalPublished`, the group totals in order of first appearance. */
  totals: Record<string, GroupTotal[]>;
  k: number;
  minDenominator: number;
}

export function protectTable<Row extends object, C extends NumericKey<Row>, D extends keyof Row = never>(
  input: ProtectTableInput<Row, C, D>,
): ProtectedTable<Row, C, D> {
  const k = resolveK(input.k);
  const minDenominator = resolveMinDenominator(input.minDenominator);
  const values = input.rows.map((row, i) => {
    const count = row[input.countField] as unknown as number;
    assertCount(count, `${String(input.countField)} of row ${i}`);
    return count;
  });
  const status: CellStatus[] = values.map((v) => (isSmallCount(v, k) ? 'primary' : 'published'));

  const relations: AdditiveRelation[] = [];
  const totalCells: { name: string; key: string; index: number; firstRow: number }[] = [];
  for (const relation of input.relations ?? []) {
    // Members: row indices, or for a higher level the total cells of the lower relation.
    const units: { cell: number; row: number }[] = [];
    if (relation.ofTotals === undefined) input.rows.forEach((_, i) => units.push({ cell: i, row: i }));
    else {
      const lower = totalCells.filter((t) => t.name === relation.ofTotals);
      if (lower.length === 0 && input.rows.length > 0)
        throw new RangeError(
          `relation ${relation.name} adds up the totals of ${relation.ofTotals}, which must come earlier and publish its totals`,
        );
      for (const t of lower) units.push({ cell: t.index, row: t.firstRow });
    }
    const groups = new Map<string, { members: number[]; firstRow: number }>();
    for (const { cell, row } of units) {
      const key = relation.key(input.rows[row] as Row);
      if (key === null) continue;
      const group = groups.get(key);
      if (group) group.members.push(cell);
      else groups.set(key, { members: [cell], firstRow: row });
    }
    for (const [key, { members, firstRow }] of groups) {
      if (!relation.totalPublished) {
        relations.push({ members });
        continue;
      }
      const index = values.length;
      const total = members.reduce((sum, i) => sum + (values[i] ?? 0), 0);
      values.push(total);
      status.push(isSmallCount(total, k) ? 'primary' : 'published');
      relations.push({ members, total: index });
      totalCells.push({ name: relation.name, key, index, firstRow });
    }
  }

  const final = suppressSecondary(values, status, relations, k);
  const cellAt = (i: number): Cell => {
    const s = final[i];
    if (s === 'primary') return smallCount(k);
    if (s === 'secondary') return hidden();
    return values[i] ?? 0;
  };

  const derived = (input.derivedFields ?? []).map((d) =>
    typeof d === 'object' && d !== null && 'field' in d ? d : { field: d },
  );
  const rows = input.rows.map((row, i) => {
    const count = cellAt(i);
    const out: Record<PropertyKey, unknown> = { ...row, [input.countField]: count };
    for (const d of derived) {
      const denominatorField = 'denominatorField' in d ? d.denominatorField : undefined;
      const denominator =
        denominatorField === undefined
          ? undefined
          : { value: row[denominatorField] as unknown as number | null | undefined, min: minDenominator };
      out[d.field as PropertyKey] = protectDerived(row[d.field], count, denominator);
    }
    return out as ProtectedRow<Row, C, D>;
  });

  const totals: Record<string, GroupTotal[]> = {};
  for (const t of totalCells) (totals[t.name] ??= []).push({ key: t.key, count: cellAt(t.index) });
  return { rows, totals, k, minDenominator };
}
