import type { AcceptedSignal } from './accepted-signal.ts';
import { cellKey, type CellCoordinates } from './cell-key.ts';
import type { RecordKey } from './record-key.ts';

/** One cell of the weekly cube and how much a batch adds to it. */
export interface CubeCell extends CellCoordinates {
  n: number;
  signals: number;
  high: number;
  /** Sum of the new signals' record keys (cell-key perturbation); the cube keeps it modulo 2^32. */
  keySum: number;
  /** The cell's packed integer key (`cellKey`), the primary key of the live cube. */
  cell: number;
}

/**
 * Sums a batch of new signals into cube cells (wijk × week × theme × category × sourceKind × ageBand):
 * `n` is the sum of counts, `signals` the number of rows, `high` the high-severity part of `n`.
 * A batch of thousands of signals collapses into fewer cells, so the cube gets a row per cell, not per
 * signal.
 */
export function cubeDelta(accepted: readonly AcceptedSignal[], recordKey: RecordKey): CubeCell[] {
  // Keyed by the packed cell key: a number, worked out in the validation worker when there is one.
  const cells = new Map<number, CubeCell>();
  for (const a of accepted) {
    const { signal, wijk, weekMonday } = a;
    const key = a.cell ?? acceptedCellKey(a);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        wijk,
        weekMonday,
        theme: signal.theme,
        category: signal.category,
        sourceKind: signal.sourceKind,
        ageBand: signal.ageBand,
        n: 0,
        signals: 0,
        high: 0,
        keySum: 0,
        cell: key,
      };
      cells.set(key, cell);
    }
    cell.n += signal.count;
    cell.signals += 1;
    cell.keySum += a.recordKey ?? recordKey(signal.id);
    if (signal.severity === 'high') cell.high += signal.count;
  }
  return [...cells.values()];
}

/** The packed key of the cell a signal counts in. */
export function acceptedCellKey({ signal: s, wijk, weekMonday }: AcceptedSignal): number {
  return cellKey({ wijk, weekMonday, theme: s.theme, category: s.category, sourceKind: s.sourceKind, ageBand: s.ageBand });
}

/** The (wijk, theme) series a batch touched: detection re-runs only for these. */
export function touchedSeries(cells: readonly CubeCell[]): Set<string> {
  return new Set(cells.map((c) => `${c.wijk}|${c.theme}`));
}
