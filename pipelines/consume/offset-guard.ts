import type { OffsetProblem } from '@wijksignaal/contracts/offset-problem';
import type { StoredOffsets } from '../store/read-state.ts';

export interface Watermarks {
  topic: string;
  partition: number;
  low: bigint;
  high: bigint;
}

/** The problems the broker's watermarks show against the stored offsets; partitions never consumed have none. */
export function watermarkProblems(stored: StoredOffsets, watermarks: readonly Watermarks[]): OffsetProblem[] {
  const problems: OffsetProblem[] = [];
  for (const w of watermarks) {
    const next = stored.get(w.topic)?.get(w.partition);
    if (next === undefined) continue;
    const kind = w.high < next ? 'log_end_before_stored' : w.low > next ? 'log_start_after_stored' : null;
    if (kind) {
      problems.push({
        topic: w.topic,
        partition: w.partition,
        kind,
        storedNext: String(next),
        low: String(w.low),
        high: String(w.high),
      });
    }
  }
  return problems;
}
