import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmLevelValue, OverviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { worstLevel } from '@wijksignaal/domain/priority/alarm-level';
import { alarmWindow } from '../analytics/alarm-window.ts';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { protectOverview } from '../disclosure-views/protect-overview.ts';
import { protectPriorities } from '../disclosure-views/protect-priorities.ts';
import { alarmLevels } from '../queries/alarm-levels.ts';
import { storedPriorities } from '../queries/stored-priorities.ts';
import type { WeekRange } from './query-params.ts';
import type { RouteDeps } from './route-deps.ts';

export interface ProtectedOverview {
  figures: WijkFigures[];
  areas: OverviewResponse['areas'];
  alarmWeeks: WeekRange;
}

/**
 * The overview's wijken for a theme and period, protected: the JSON overview and its export both publish
 * from this, so they show the same numbers and hide the same cells.
 */
export async function protectedOverview(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: RouteDeps,
  params: { theme: Theme } & WeekRange,
): Promise<ProtectedOverview> {
  const alarmWeeks = alarmWindow(params, isoWeekFromDate(deps.now()));
  const figures = await loadWijkFigures(conn, params);
  const levels = new Map<string, AlarmLevelValue[]>();
  for (const { wijk, level } of await alarmLevels(conn, { theme: params.theme, ...alarmWeeks })) {
    levels.set(wijk, [...(levels.get(wijk) ?? []), level]);
  }
  // The stored ranking is the same for every theme and period: protected once per snapshot.
  const priorities = await deps.cache.get(snap, 'overview-priority-cells', async () => {
    const list = protectPriorities(await storedPriorities(conn), figures, null, deps.disclosure);
    return new Map(list.map((p) => [p.code, { rank: p.rank, score: p.score }]));
  });
  const areas = protectOverview(
    figures,
    new Map([...levels].map(([wijk, l]) => [wijk, worstLevel(l)])),
    priorities,
    deps.disclosure,
  );
  return { figures, areas, alarmWeeks };
}
