import { protectTable, type TableRelation } from '@wijksignaal/domain/disclosure/index';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';

/**
 * The additive relations of a theme's wijk counts over a period: the wijken of a gemeente add up to the
 * gemeente's count, and the gemeenten to the region's (the profile shows both). One hierarchy in one
 * table, so a gemeente hidden under the region is also hidden against its own published wijken. Every view
 * of these counts (overview, funnel, profile, priorities) protects with exactly these relations, over rows
 * in code order, so they all hide the same cells.
 */
export function wijkCountRelations<Row extends { gemeenteCode: string }>(): TableRelation<Row>[] {
  return [
    { name: 'gemeente', key: (row) => row.gemeenteCode, totalPublished: true },
    { name: 'region', key: () => 'region', ofTotals: 'gemeente', totalPublished: true },
  ];
}

/**
 * The one protected table of a theme's wijk counts over a period, with the gemeente and region totals it
 * implies. The rate and its interval need `minDenominator` residents, the SMR goes with its count.
 */
export function protectWijkTable(rows: readonly WijkFigures[], settings: DisclosureSettings) {
  return protectTable({
    rows,
    countField: 'count',
    derivedFields: [
      { field: 'ratePer1000', denominatorField: 'residents' },
      { field: 'rate', denominatorField: 'residents' },
      'smr',
    ],
    relations: wijkCountRelations<WijkFigures>(),
    k: settings.k,
    minDenominator: settings.minDenominator,
  });
}

/** The protected wijk rows: what the overview and the funnel publish. */
export function protectWijkFigures(rows: readonly WijkFigures[], settings: DisclosureSettings) {
  return protectWijkTable(rows, settings).rows;
}

export type ProtectedWijkFigures = ReturnType<typeof protectWijkFigures>[number];
