import { protectTable } from '../disclosure/index.ts';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';

/**
 * The one protected table of a theme's wijk counts over a period. The overview and the funnel both publish
 * from it, so a cell hidden in one is hidden in the other. The additive relation is the wijken of a
 * gemeente (their sum is the gemeente's count, which other views and exports can show); the rate and its
 * interval need `minDenominator` residents, the SMR goes with its count.
 */
export function protectWijkFigures(rows: readonly WijkFigures[], settings: DisclosureSettings) {
  return protectTable({
    rows,
    countField: 'count',
    derivedFields: [
      { field: 'ratePer1000', denominatorField: 'residents' },
      { field: 'rate', denominatorField: 'residents' },
      'smr',
    ],
    relations: [{ name: 'gemeente', key: (row) => row.gemeenteCode, totalPublished: false }],
    k: settings.k,
    minDenominator: settings.minDenominator,
  }).rows;
}

export type ProtectedWijkFigures = ReturnType<typeof protectWijkFigures>[number];
