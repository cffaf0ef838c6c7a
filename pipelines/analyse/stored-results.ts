import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { pickVerdict } from '@wijksignaal/domain/priority/week-verdict';
import type { DetectionResult } from '../detect/detection-result.ts';

/**
 * Which method results of a series are stored, week by week: every method's in a week some method
 * flagged (amber or red: what an alarm's explanation shows), the verdict's alone in a quiet week, and in
 * a week no method evaluated the first method's, with its reason. The API shows one verdict per week,
 * picked by the same rule (`domain/priority/week-verdict`), so it answers exactly as from all rows; a
 * national run stores about a third of the rows it did when every method's result was kept.
 * `weeks` says which weeks are wanted, in the order they are returned.
 */
export function storedResults(results: readonly DetectionResult[], weeks: readonly IsoWeek[]): DetectionResult[] {
  const byWeek = new Map<IsoWeek, DetectionResult[]>();
  for (const week of weeks) byWeek.set(week, []);
  for (const result of results) byWeek.get(result.week)?.push(result);
  const stored: DetectionResult[] = [];
  for (const weekResults of byWeek.values()) {
    const verdict = pickVerdict(weekResults, (r) => r.notEvaluatedReason === null);
    if (verdict === null) {
      if (weekResults[0] !== undefined) stored.push(weekResults[0]);
    } else if (verdict.level === 'none') stored.push(verdict);
    else stored.push(...weekResults);
  }
  return stored;
}
