import type { DuckDBConnection } from '@duckdb/node-api';
import type { SeriesResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { seriesWithVerdicts } from '../analytics/series-with-verdicts.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { disclosureFor } from '../disclosure-views/disclosure-settings.ts';
import { ProblemError } from '../http/problem.ts';
import { areaSeries } from '../queries/area-series.ts';
import type { RouteDeps } from '../routes/route-deps.ts';

/**
 * `GET /areas/{code}/series`'s answer as JSON text: the wijk's published weekly cells (`areaSeries`), each
 * week's stored verdict, protected in `protect-series.ts` (via `seriesWithVerdicts`). A code the registry
 * does not know is a 404. Linear in weeks; made once per snapshot and request target.
 */
export async function seriesAnswer(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: Pick<RouteDeps, 'disclosure'>,
  params: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek; currentWeek: IsoWeek },
): Promise<string> {
  const { code, theme, from, to, currentWeek } = params;
  const series = await areaSeries(conn, { code, theme, from, to, currentWeek });
  if (!series) throw new ProblemError(404, `wijk ${code} is not in the area registry; GET /api/v1/areas lists the known codes`);
  const weeks = await seriesWithVerdicts(conn, { code, theme, from, to }, series.weeks, disclosureFor(snap, deps.disclosure));
  const range = { from, to };
  return JSON.stringify({ ...series, weeks, theme, ...range, snapshotSequence: snap.sequence } satisfies SeriesResponse & {
    snapshotSequence: number;
  });
}
