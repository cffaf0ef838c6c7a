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
  const totalCells: { name: string; key: string; index: number }[] = [];
  for (const relation of input.relations ?? []) {
    const groups = new Map<string, number[]>();
    input.rows.forEach((row, i) => {
      const key = relation.key(row);
      if (key === null) return;
      const members = groups.get(key);
      if (members) members.push(i);
      else groups.set(key, [i]);
    });
    for (const [key, members] of groups) {
      if (!relation.totalPublished) {
        relations.push({ members });
        continue;
      }
      const index = values.length;
      const total = members.reduce((sum, i) => sum + (values[i] ?? 0), 0);
      values.push(total);
      status.push(isSmallCount(total, k) ? 'primary' : 'published');
      relations.push({ members, total: index });
      totalCells.push({ name: relation.name, key, index });
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
