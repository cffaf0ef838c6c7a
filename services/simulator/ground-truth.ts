import { mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { wijkCodeOf } from './wijk-key.ts';

/** One cell of the `weekly_counts` cube as the pipeline should hold it. */
export interface CubeRow {
  wijk: string;
  /** Monday of the ISO week, `YYYY-MM-DD`. */
  week: string;
  theme: string;
  category: string;
  sourceKind: string;
  ageBand: string;
  /** Sum of counts. */
  n: number;
  /** Distinct signals. */
  signals: number;
  /** Sum of counts of high-severity signals. */
  high: number;
}

/**
 * The cube the pipeline must end up with after consuming these valid signals, each id counted once
 * (a re-sent id is the same signal, so its first occurrence wins). Sorted for easy comparison.
 */
export function groundTruth(signals: Iterable<SignalInput>): CubeRow[] {
  const seen = new Set<string>();
  const cells = new Map<string, CubeRow>();
  for (const s of signals) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const row = {
      wijk: wijkCodeOf(s.area),
      week: mondayIsoDate(s.week),
      theme: s.theme,
      category: s.category,
      sourceKind: s.sourceKind,
      ageBand: s.ageBand,
    };
    const key = `${row.wijk}|${row.week}|${row.theme}|${row.category}|${row.sourceKind}|${row.ageBand}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { ...row, n: 0, signals: 0, high: 0 }));
    const count = s.count ?? 1;
    cell.n += count;
    cell.signals += 1;
    if (s.severity === 'high') cell.high += count;
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
