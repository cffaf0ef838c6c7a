import type { MethodExplanation } from '@wijksignaal/contracts/alarm-explanation';
import type { Cell } from '@wijksignaal/contracts/suppressed-cell';
import { explainMethodResult } from '@wijksignaal/domain/detection/explain-method-row';
import type { DetectionMethodName } from '@wijksignaal/domain/detection/method-choice';
import type { MethodRow } from '../queries/method-rows.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownExpectation } from './shown-count.ts';

/**
 * An alarm week's method rows as the explanation shows them. Observed is the week's published cell (`<k`
 * when withheld), the same one the series shows, never the stand-in detection read for a withheld week;
 * expected value and threshold as the series shows them (below k as `<k`). Statistics, p-values and
 * baselines are the stored ones: detection ran on the published weekly series (a withheld week as k − 1),
 * so they carry nothing the published cells and `<k` do not. The sentences are made from these shown
 * values only.
 */
export function protectExplanation(rows: readonly MethodRow[], count: Cell, settings: DisclosureSettings): MethodExplanation[] {
  return rows.map((row) =>
    explainMethodResult({
      method: row.method as DetectionMethodName,
      week: row.week,
      reason: row.reason,
      alarm: row.alarm,
      level: row.level,
      observed: count,
      expected: shownExpectation(row.expected, settings.k),
      threshold: shownExpectation(row.threshold, settings.k),
      statistic: row.statistic,
      pValue: row.pValue,
      params: row.params,
    }),
  );
}
