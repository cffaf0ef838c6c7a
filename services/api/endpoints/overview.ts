import type { DuckDBConnection } from '@duckdb/node-api';
import type { OverviewResponse } from '@wijksignaal/contracts/http';
import { ALARM_LEVELS, overviewColumnsOf } from '@wijksignaal/contracts/overview-columns';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import type { Theme } from '@wijksignaal/contracts/signal';
import { SMR_UNKNOWN_AGE } from '@wijksignaal/domain/epi/regional-smr';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { periodOfResponse } from '../analytics/period-of-response.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import type { RouteDeps } from '../routes/route-deps.ts';
import { protectedOverview } from './protected-overview.ts';

/**
 * `GET /overview`'s answer for one theme and grid period, as JSON text: loaded, computed and protected in
 * `protectedOverview` (the export publishes from the same rows), then sent as columns
 * (`contracts/overview-columns.ts`). The text is made once per snapshot and request target
 * (PerSnapshotCache) and, for the targets being asked, before the API swaps to a new snapshot
 * (`answer-warmer.ts`). Linear in wijken.
 */
export async function overviewAnswer(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: Pick<RouteDeps, 'now' | 'disclosure' | 'cache'>,
  params: { theme: Theme; period: GridPeriod },
): Promise<string> {
  const { areas, alarmWeeks, settings } = await protectedOverview(conn, snap, deps, params);
  return JSON.stringify({
    theme: params.theme,
    ...periodOfResponse(params.period),
    populationLabel: THEME_POPULATION[params.theme].label,
    k: settings.k,
    smrUnknownAge: SMR_UNKNOWN_AGE,
    alarmWeeks,
    alarmLevels: [...ALARM_LEVELS],
    areas: overviewColumnsOf(areas),
    snapshotSequence: snap.sequence,
  } satisfies OverviewResponse & { snapshotSequence: number });
}
