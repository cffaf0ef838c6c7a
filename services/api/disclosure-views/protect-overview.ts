import type { AlarmLevelValue, OverviewArea } from '@wijksignaal/contracts/http';
import type { Cell } from '@wijksignaal/domain/disclosure/index';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

/**
 * The overview's areas: the period's published wijk cells and what derives from them through the shared
 * wijk rows (protect-wijk-figures.ts), alarm levels as stored, the priority as the priority list shows it.
 */
export function protectOverview(
  figures: readonly WijkFigures[],
  alarmLevels: ReadonlyMap<string, AlarmLevelValue>,
  priorities: ReadonlyMap<string, { rank: number; score: Cell }>,
  settings: DisclosureSettings,
): OverviewArea[] {
  return protectWijkFigures(figures, settings).map((row) => ({
    ...row,
    alarmLevel: alarmLevels.get(row.code) ?? 'none',
    priority: priorities.get(row.code) ?? null,
  }));
}
