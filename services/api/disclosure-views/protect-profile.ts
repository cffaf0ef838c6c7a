import type { ProfileResponse } from '@wijksignaal/contracts/http';
import { REGION_AREA, type PublishedLevel } from '@wijksignaal/contracts/snapshot';
import { hidden, protectDerived } from '@wijksignaal/domain/disclosure/index';
import { rateOf } from '../analytics/rate-of.ts';
import { cellAddress } from '../queries/published-cells.ts';
import type { ThemeArea } from '../queries/theme-areas.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { shownCount } from './shown-count.ts';

export type BreakdownDimension = 'category' | 'source' | 'ageBand';

export interface ProfileInput {
  code: string;
  /** Every wijk with its theme population (for the gemeente's and the region's denominators). */
  areas: readonly ThemeArea[];
  /** The period's published cells of the wijk, its gemeente and the region (cellsByAddress). */
  cells: ReadonlyMap<string, number | null>;
  /** The values each breakdown lists, so the shape of a table never depends on the data. */
  keys: Record<BreakdownDimension, readonly string[]>;
}

/**
 * The wijk profile's numbers: the published cells of the period, each as published (`<k` when the table
 * has no row for it). Each breakdown value and each total is a cell of its own with its own perturbation,
 * so parts need not add up to the total and no difference of them is a hidden count
 * (domain/published/README.md). Rates go with their count and need the minimum denominator; a gemeente's
 * or the region's rate needs the population of every wijk in it (a partial sum would mislead).
 */
export function protectProfile(
  input: ProfileInput,
  settings: DisclosureSettings,
): Pick<ProfileResponse, 'breakdowns' | 'comparison'> {
  const { k, minDenominator } = settings;
  const wijk = input.areas.find((a) => a.code === input.code);
  const gemeenteCode = wijk?.gemeenteCode ?? '';
  const count = (level: PublishedLevel, area: string, dimension: BreakdownDimension | 'total' = 'total', value = '') => {
    const address = cellAddress(level, area, dimension, value);
    return input.cells.get(address) ?? null;
  };

  const breakdown = (dimension: BreakdownDimension) => {
    const listed = input.keys[dimension];
    const found = [...input.cells.keys()]
      .map((address) => address.split('|'))
      .filter(([level, area, d]) => level === 'wijk' && area === input.code && d === dimension)
      .map(([, , , value]) => value!)
      .filter((value) => !listed.includes(value))
      .sort();
    return [...listed, ...found].map((key) => ({ key, count: shownCount(count('wijk', input.code, dimension, key), k) }));
  };

  const sumResidents = (areas: readonly ThemeArea[]) =>
    areas.some((a) => a.exactResidents === null) ? null : areas.reduce((sum, a) => sum + (a.exactResidents ?? 0), 0);
  const row = (level: PublishedLevel, code: string | null, name: string | null, area: string, exactResidents: number | null) => {
    const n = count(level, area);
    const cell = shownCount(n, k);
    const residents = exactResidents === null ? null : Math.round(exactResidents);
    // A withheld count has no rate; with a denominator it is shown as hidden, like every figure of it.
    const rate = n === null ? (exactResidents !== null && exactResidents > 0 ? hidden() : null) : rateOf(n, exactResidents);
    return {
      level,
      code,
      name,
      count: cell,
      residents,
      rate: protectDerived(rate, cell, { value: residents, min: minDenominator }),
    };
  };
  const gemeente = input.areas.filter((a) => a.gemeenteCode === gemeenteCode);
  return {
    breakdowns: { category: breakdown('category'), source: breakdown('source'), ageBand: breakdown('ageBand') },
    comparison: [
      row('wijk', input.code, wijk?.name ?? null, input.code, wijk?.exactResidents ?? null),
      row('gemeente', wijk ? gemeenteCode : null, wijk?.gemeenteName ?? null, gemeenteCode, sumResidents(gemeente)),
      row('region', null, null, REGION_AREA, sumResidents(input.areas)),
    ],
  };
}
