import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlarmLevelValue, OverviewArea } from '@wijksignaal/contracts/http';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { Theme } from '@wijksignaal/contracts/signal';
import { worstLevel } from '@wijksignaal/domain/priority/alarm-level';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { alarmWindow } from '../analytics/alarm-window.ts';
import { loadWijkFigures } from '../analytics/load-wijk-figures.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import { disclosureFor, type DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectOverview } from '../disclosure-views/protect-overview.ts';
import { protectPriorities } from '../disclosure-views/protect-priorities.ts';
import { alarmLevels } from '../queries/alarm-levels.ts';
import { listAreas } from '../queries/list-areas.ts';
import { storedPriorities } from '../queries/stored-priorities.ts';
import type { WeekRange } from '../routes/query-params.ts';
import type { RouteDeps } from '../routes/route-deps.ts';

export interface ProtectedOverview {
  areas: OverviewArea[];
  alarmWeeks: WeekRange;
  settings: DisclosureSettings;
}

/**
 * The overview's wijken for a theme and grid period: the JSON overview and its export both publish from
 * this, so they show the same cells.
 */
export async function protectedOverview(
  conn: DuckDBConnection,
  snap: Snapshot,
  deps: Pick<RouteDeps, 'now' | 'disclosure' | 'cache'>,
  params: { theme: Theme; period: GridPeriod },
): Promise<ProtectedOverview> {
  const settings = disclosureFor(snap, deps.disclosure);
  const alarmWeeks = alarmWindow(params.period, isoWeekFromDate(deps.now()));
  const figures = await loadWijkFigures(conn, params);
  const levels = new Map<string, AlarmLevelValue[]>();
  for (const { wijk, level } of await alarmLevels(conn, { theme: params.theme, ...alarmWeeks })) {
    levels.set(wijk, [...(levels.get(wijk) ?? []), level]);
  }
  // The stored ranking is the same for every theme and period: made into cells once per snapshot.
  const priorities = await deps.cache.get(snap, 'overview-priority-cells', async () => {
    const list = protectPriorities(await storedPriorities(conn), (await listAreas(conn)).areas, null, settings);
    return new Map(list.map((p) => [p.code, { rank: p.rank, score: p.score }]));
  });
  const areas = protectOverview(figures, new Map([...levels].map(([wijk, l]) => [wijk, worstLevel(l)])), priorities, settings);
  return { areas, alarmWeeks, settings };
}
