import { hidden, protectDerived } from '@wijksignaal/domain/disclosure/index';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount } from './shown-count.ts';

/**
 * The wijk cells of a theme and grid period as the overview, the funnel and the overview export show
 * them: each count as published (perturbed; `<k` when withheld), and what is computed from it hidden (`x`)
 * with a withheld count — a rate also below `minDenominator` residents. Null stays null: no denominator
 * (rate) or no complete age mix (SMR). No secondary suppression: every cell carries its own
 * perturbation, so a total minus its published parts is noise, not a hidden count
 * (domain/published/README.md).
 */
export function protectWijkFigures(rows: readonly WijkFigures[], settings: DisclosureSettings) {
  return rows.map((row) => {
    const count = shownCount(row.count, settings.k);
    const residents = { value: row.residents, min: settings.minDenominator };
    // A withheld count has no rate or SMR to compute; where it would have one, it is shown as hidden.
    const ofWithheld = row.count === null && row.exactResidents !== null && row.exactResidents > 0 ? hidden() : null;
    return {
      code: row.code,
      name: row.name,
      gemeenteName: row.gemeenteName,
      count,
      residents: row.residents,
      ratePer1000: protectDerived(row.ratePer1000 ?? ofWithheld, count, residents),
      rate: protectDerived(row.rate ?? ofWithheld, count, residents),
      smr: protectDerived(row.smr ?? ofWithheld, count, undefined),
    };
  });
}

export type ProtectedWijkFigures = ReturnType<typeof protectWijkFigures>[number];
