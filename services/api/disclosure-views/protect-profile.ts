import type { ProfileResponse } from '@wijksignaal/contracts/http';
import { hidden, isSuppressed, protectDerived, protectTable, smallCount, type Cell } from '../disclosure/index.ts';
import { gemeenteFigures, rateOf } from '../analytics/gemeente-figures.ts';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { AreaBreakdowns, BreakdownDimension } from '../queries/area-breakdowns.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkFigures } from './protect-wijk-figures.ts';

export interface ProfileInput {
  code: string;
  /** Every wijk's figures for the theme and period: the overview's own table, so the same cells are hidden. */
  figures: readonly WijkFigures[];
  breakdowns: AreaBreakdowns;
  /** The values each breakdown lists, zero-filled, so the shape of a table never depends on the data. */
  keys: Record<BreakdownDimension, readonly string[]>;
}

type Row = { key: string; count: number };

/**
 * The wijk profile's numbers, protected.
 * - The wijk row is the overview's cell (protect-wijk-figures.ts), so both views hide the same count.
 * - Each breakdown adds up to that count. When the overview hides it, every breakdown cell is hidden too
 *   (publishing them would add the hidden count back up); otherwise each breakdown is its own additive
 *   relation whose total is known.
 * - Gemeente counts add up to the region's count, which this response publishes (and the funnel's centre line
 *   implies): one table over all gemeenten with that relation, so a small gemeente is never left alone.
 * - Rates go with their count and need the minimum denominator.
 */
export function protectProfile(
  input: ProfileInput,
  settings: DisclosureSettings,
): Pick<ProfileResponse, 'breakdowns' | 'comparison'> {
  const { k, minDenominator } = settings;
  const wijk = protectWijkFigures(input.figures, settings).find((row) => row.code === input.code);
  const wijkCount: Cell = wijk?.count ?? 0;

  const breakdown = (dimension: BreakdownDimension) => {
    const counts = input.breakdowns[dimension];
    const keys = [...input.keys[dimension], ...[...counts.keys()].filter((key) => !input.keys[dimension].includes(key)).sort()];
    const rows: Row[] = keys.map((key) => ({ key, count: counts.get(key) ?? 0 }));
    if (isSuppressed(wijkCount)) {
      return rows.map((row) => ({ key: row.key, count: row.count >= 1 && row.count < k ? smallCount(k) : hidden() }));
    }
    return protectTable({
      rows,
      countField: 'count',
      relations: [{ name: 'wijk', key: () => 'wijk', totalPublished: false }],
      k,
      minDenominator,
    }).rows;
  };

  const gemeenten = gemeenteFigures(input.figures);
  const gemeenteTable = protectTable({
    rows: gemeenten,
    countField: 'count',
    derivedFields: [{ field: 'rate', denominatorField: 'exactResidents' }],
    relations: [{ name: 'region', key: () => 'region', totalPublished: true }],
    k,
    minDenominator,
  });
  const gemeente = gemeenteTable.rows.find((row) => row.gemeenteCode === wijk?.gemeenteCode);

  const regionCount = gemeenteTable.totals.region?.[0]?.count ?? 0;
  const regionResidents = gemeenten.some((g) => g.exactResidents === null)
    ? null
    : gemeenten.reduce((sum, g) => sum + (g.exactResidents ?? 0), 0);
  const regionRate = rateOf(
    gemeenten.reduce((sum, g) => sum + g.count, 0),
    regionResidents,
  );
  const whole = (residents: number | null | undefined) =>
    residents === null || residents === undefined ? null : Math.round(residents);

  return {
    breakdowns: { category: breakdown('category'), source: breakdown('source'), ageBand: breakdown('ageBand') },
    comparison: [
      {
        level: 'wijk',
        code: input.code,
        name: wijk?.name ?? null,
        count: wijkCount,
        residents: wijk?.residents ?? null,
        rate: wijk?.rate ?? null,
      },
      {
        level: 'gemeente',
        code: gemeente?.gemeenteCode ?? null,
        name: gemeente?.gemeenteName ?? null,
        count: gemeente?.count ?? 0,
        residents: whole(gemeente?.exactResidents),
        rate: gemeente?.rate ?? null,
      },
      {
        level: 'region',
        code: null,
        name: null,
        count: regionCount,
        residents: whole(regionResidents),
        rate: protectDerived(regionRate, regionCount, { value: regionResidents, min: minDenominator }),
      },
    ],
  };
}
