import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileResponse } from '@wijksignaal/contracts/http';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, type Theme } from '@wijksignaal/contracts/signal';
import type { DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectProfile } from '../disclosure-views/protect-profile.ts';
import { areaBreakdowns } from '../queries/area-breakdowns.ts';
import { areaPopulation } from '../queries/area-population.ts';
import { loadWijkFigures } from './load-wijk-figures.ts';

/**
 * One wijk's profile for a theme and period: population facts, breakdowns and the comparison with its
 * gemeente and the region, protected. Null for a code the area registry does not know.
 */
export async function loadAreaProfile(
  conn: DuckDBConnection,
  params: { code: string; theme: Theme; from: IsoWeek; to: IsoWeek },
  settings: DisclosureSettings,
): Promise<ProfileResponse | null> {
  const area = await areaPopulation(conn, params.code);
  if (!area) return null;
  // The comparison needs every wijk's count: the overview's table, so both hide the same cells.
  const figures = await loadWijkFigures(conn, params);
  const breakdowns = await areaBreakdowns(conn, params);
  const protectedFigures = protectProfile(
    {
      code: params.code,
      figures,
      breakdowns,
      keys: { category: CATEGORIES_BY_THEME[params.theme], source: SOURCE_KINDS, ageBand: AGE_BANDS },
    },
    settings,
  );
  return {
    code: area.code,
    name: area.name,
    gemeenteCode: area.gemeenteCode,
    gemeenteName: area.gemeenteName,
    theme: params.theme,
    from: params.from,
    to: params.to,
    k: settings.k,
    populationLabel: THEME_POPULATION[params.theme].label,
    population: { year: area.year, residents: area.residents, bands: area.bands },
    ...protectedFigures,
  };
}
