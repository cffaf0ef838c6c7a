import type { DuckDBConnection } from '@duckdb/node-api';
import type { DetectionMethodsResponse } from '@wijksignaal/contracts/alarm-explanation';
import type { Theme } from '@wijksignaal/contracts/signal';
import { RUNNING_WEEK_NOTE } from '@wijksignaal/domain/detection/baseline-explained';
import { explainMethodChoice, FARRINGTON_FROM_WEEKS } from '@wijksignaal/domain/detection/method-choice';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { ProblemError } from '../http/problem.ts';
import { latestHistory } from '../queries/method-rows.ts';
import { wijkName } from '../queries/wijk-name.ts';

/**
 * Farrington is judged for this many recent complete weeks (the pipeline's `farringtonWeeks` default); the
 * snapshot does not carry the setting, so the sentence says it only as the default.
 */
export const FARRINGTON_RECENT_WEEKS = 8;

/**
 * `GET /areas/{code}/detection-methods`: which methods detection runs for the wijk's series of a theme and
 * why, from the history the pipeline stored with its newest week (`domain/detection/method-choice.ts`, the
 * same rule the pipeline chose by). No counts.
 */
export async function detectionMethodsAnswer(
  conn: DuckDBConnection,
  snap: Snapshot,
  params: { code: string; theme: Theme },
): Promise<string> {
  const name = await wijkName(conn, params.code);
  if (name === null)
    throw new ProblemError(404, `wijk ${params.code} is not in the area registry; GET /api/v1/areas lists the known codes`);
  const latest = await latestHistory(conn, { wijk: params.code, theme: params.theme });
  const history = latest?.historyWeeks ?? 0;
  const choice = explainMethodChoice(history, { farringtonWeeks: FARRINGTON_RECENT_WEEKS });
  return JSON.stringify({
    code: params.code,
    name,
    theme: params.theme,
    asOfWeek: latest?.week ?? null,
    historyWeeks: history,
    historyAtLeast: history >= FARRINGTON_FROM_WEEKS,
    methods: choice.decisions,
    runningWeek: RUNNING_WEEK_NOTE,
    snapshotSequence: snap.sequence,
  } satisfies DetectionMethodsResponse & { snapshotSequence: number });
}
