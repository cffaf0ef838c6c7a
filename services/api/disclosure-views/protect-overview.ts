import type { AlarmLevelValue, OverviewResponse } from '@wijksignaal/contracts/http';
import type { Cell } from '@wijksignaal/domain/disclosure/index';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

/**
 * The overview's areas, protected: counts and everything derived from them through the shared wijk table
 * (protect-wijk-figures.ts); alarm levels as they are; the priority score as the priority list protects it.
 */
export function protectOverview(
  figures: readonly WijkFigures[],
  alarmLevels: ReadonlyMap<string, AlarmLevelValue>,
  priorities: ReadonlyMap<string, { rank: number; score: Cell }>,
  settings: DisclosureSettings,
): OverviewResponse['areas'] {
  return protectWijkFigures(figures, settings).map((row) => ({
    code: row.code,
    name: row.name,
    gemeenteName: row.gemeenteName,
    count: row.count,
    residents: row.residents,
    ratePer1000: row.ratePer1000,
    rate: row.rate,
    smr: row.smr,
    alarmLevel: alarmLevels.get(row.code) ?? 'none',
    priority: priorities.get(row.code) ?? null,
  }));
}
