import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProfileResponse } from '@wijksignaal/contracts/http';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, type Theme } from '@wijksignaal/contracts/signal';
import { REGION_AREA } from '@wijksignaal/contracts/snapshot';
import type { GridPeriod } from '@wijksignaal/domain/published/period-grid';
import type { DisclosureSettings } from '../disclosure-views/disclosure-settings.ts';
import { protectProfile } from '../disclosure-views/protect-profile.ts';
import { areaPopulation } from '../queries/area-population.ts';
import { cellsByAddress, publishedCells } from '../queries/published-cells.ts';
import { themeAreas } from '../queries/theme-areas.ts';
import { periodOfResponse } from './period-of-response.ts';

/**
 * One wijk's profile for a theme and grid period: population facts, the wijk's published breakdown cells
 * and the published totals of the wijk, its gemeente and the region. Null for a code the area registry
 * does not know.
 */
export async function loadAreaProfile(
  conn: DuckDBConnection,
  params: { code: string; theme: Theme; period: GridPeriod },
  settings: DisclosureSettings,
): Promise<ProfileResponse | null> {
  const { code, theme, period } = params;
  const area = await areaPopulation(conn, code);
  if (!area) return null;
  const cells = await publishedCells(conn, {
    theme,
    kind: period.kind,
    from: period.from,
    to: period.from,
    levels: ['wijk', 'gemeente', 'region'],
    dimensions: ['total', 'category', 'source', 'ageBand'],
    areas: [code, area.gemeenteCode, REGION_AREA],
  });
  const numbers = protectProfile(
    {
      code,
      areas: await themeAreas(conn, theme),
      cells: cellsByAddress(cells),
      keys: { category: CATEGORIES_BY_THEME[theme], source: SOURCE_KINDS, ageBand: AGE_BANDS },
    },
    settings,
  );
  return {
    code: area.code,
    name: area.name,
    gemeenteCode: area.gemeenteCode,
    gemeenteName: area.gemeenteName,
    theme,
    ...periodOfResponse(period),
    k: settings.k,
    populationLabel: THEME_POPULATION[theme].label,
    population: { year: area.year, residents: area.residents, bands: area.bands },
    ...numbers,
  };
}
