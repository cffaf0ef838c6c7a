import type { DuckDBConnection } from '@duckdb/node-api';
import { DETECTION_METHODS, type AlarmExplanationResponse } from '@wijksignaal/contracts/alarm-explanation';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import {
  explainMethodChoice,
  FARRINGTON_FROM_WEEKS,
  type DetectionMethodName,
} from '@wijksignaal/domain/detection/method-choice';
import { pickVerdict } from '@wijksignaal/domain/priority/week-verdict';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { protectExplanation } from '../disclosure-views/protect-explanation.ts';
import { shownCount } from '../disclosure-views/shown-count.ts';
import { ProblemError } from '../http/problem.ts';
import { areaSeries } from '../queries/area-series.ts';
import { methodRows } from '../queries/method-rows.ts';
import type { RouteDeps } from '../routes/route-deps.ts';
import { FARRINGTON_RECENT_WEEKS } from './detection-methods.ts';

/**
 * `GET /areas/{code}/alarm-explanations/{week}`: why a wijk's week of a theme is an alarm, method by
 * method, from the rows the pipeline stored for it (in a flagged week every method's row is kept), with
 * the series' method choice for the history that week was judged on. A week whose verdict is not amber or
 * red is a 404 problem that says so; an unknown wijk too.
 */
export async function alarmExplanationAnswer(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: Pick<RouteDeps, 'disclosure'>,
  params: { code: string; theme: Theme; week: IsoWeek; currentWeek: IsoWeek },
): Promise<string> {
  const { code, theme, week, currentWeek } = params;
  const series = await areaSeries(conn, { code, theme, from: week, to: week, currentWeek });
  if (!series) throw new ProblemError(404, `wijk ${code} is not in the area registry; GET /api/v1/areas lists the known codes`);
  // In the chain's order (EARS C1, C2, C3, Farrington, CUSUM), as the method choice lists them.
  const rows = (await methodRows(conn, { wijk: code, theme, week })).sort(
    (a, b) =>
      DETECTION_METHODS.indexOf(a.method as DetectionMethodName) - DETECTION_METHODS.indexOf(b.method as DetectionMethodName),
  );
  const verdict = pickVerdict(rows, (r) => r.reason === null);
  if (verdict === null || verdict.level === 'none') {
    throw new ProblemError(
      404,
      `${week} is not an alarm week of ${code} for ${theme}: ${verdict === null ? 'no method judged it' : 'every method judged it quiet'}; GET /api/v1/areas/${code}/series?theme=${theme} shows the level of each week`,
    );
  }
  const settings = disclosureFor(snap, deps.disclosure);
  const history = Number(verdict.params.historyWeeks ?? 0);
  const count = shownCount(series.weeks[0]?.count ?? null, settings.k);
  return JSON.stringify({
    code,
    name: series.name,
    theme,
    week,
    level: verdict.level,
    verdictMethod: verdict.method as DetectionMethodName,
    count,
    historyWeeks: history,
    historyAtLeast: history >= FARRINGTON_FROM_WEEKS,
    choice: explainMethodChoice(history, { farringtonWeeks: FARRINGTON_RECENT_WEEKS }).decisions,
    methods: protectExplanation(rows, count, settings),
    k: settings.k,
    snapshotSequence: snap.sequence,
  } satisfies AlarmExplanationResponse & { snapshotSequence: number });
}
