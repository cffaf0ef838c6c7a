import type { ProfileResponse } from '@wijksignaal/contracts/http';
import { hidden, isSuppressed, protectDerived, protectTable, smallCount, type Cell } from '@wijksignaal/domain/disclosure/index';
import { gemeenteFigures, rateOf } from '../analytics/gemeente-figures.ts';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { AreaBreakdowns, BreakdownDimension } from '../queries/area-breakdowns.ts';
import type { DisclosureSettings } from './disclosure-settings.ts';
import { protectWijkTable } from './protect-wijk-figures.ts';

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
 * - The gemeente and region counts are totals of that same table (wijken → gemeente → region, protected as
 *   one hierarchy): a small gemeente's complement under the region is never a gemeente whose wijken the
 *   overview publishes, so region − other gemeenten gives nothing away.
 * - Rates go with their count and need the minimum denominator.
 */
export function protectProfile(
  input: ProfileInput,
  settings: DisclosureSettings,
): Pick<ProfileResponse, 'breakdowns' | 'comparison'> {
  const { k, minDenominator } = settings;
  const table = protectWijkTable(input.figures, settings);
  const wijk = table.rows.find((row) => row.code === input.code);
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
  const gemeente = gemeenten.find((g) => g.gemeenteCode === wijk?.gemeenteCode);
  const gemeenteCount: Cell = table.totals.gemeente?.find((t) => t.key === gemeente?.gemeenteCode)?.count ?? 0;
  const gemeenteRate = protectDerived(gemeente?.rate ?? null, gemeenteCount, {
    value: gemeente?.exactResidents,
    min: minDenominator,
  });

  const regionCount: Cell = table.totals.region?.[0]?.count ?? 0;
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
        count: gemeenteCount,
        residents: whole(gemeente?.exactResidents),
        rate: gemeenteRate,
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
