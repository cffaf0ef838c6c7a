import { describe, expect, it } from 'vitest';
import type { WijkFigures } from '../analytics/wijk-figures.ts';
import type { AreaBreakdowns } from '../queries/area-breakdowns.ts';
import { feasibleRanges, type PublishedRelation, type Term } from '../../../tests/support/feasible-ranges.ts';
import { protectOverview } from './protect-overview.ts';
import { protectProfile, type ProfileInput } from './protect-profile.ts';

const settings = { k: 5, minDenominator: 100 };
const KEYS = { category: ['a', 'b', 'c', 'd'], source: ['s1', 's2'], ageBand: ['young', 'old'] };

function wijk(code: string, gemeenteCode: string, count: number, residents = 1000): WijkFigures {
  return {
    code,
    name: `Wijk ${code}`,
    gemeenteCode,
    gemeenteName: `Gemeente ${gemeenteCode}`,
    count,
    residents,
    exactResidents: residents,
    ratePer1000: (count / residents) * 1000,
    rate: { value: (count / residents) * 1000, lower: 0, upper: 1 },
    smr: null,
  };
}

function breakdowns(
  category: Record<string, number>,
  source: Record<string, number>,
  ageBand: Record<string, number>,
): AreaBreakdowns {
  return {
    category: new Map(Object.entries(category)),
    source: new Map(Object.entries(source)),
    ageBand: new Map(Object.entries(ageBand)),
  };
}

const numberOr = (cell: unknown) => (typeof cell === 'number' ? cell : null);

/** What someone holding the published wijk count can compute about the hidden cells of one breakdown. */
function attack(total: number, cells: { count: unknown }[], truth: number[]) {
  const hiddenIndexes = cells.map((c, i) => (numberOr(c.count) === null ? i : -1)).filter((i) => i >= 0);
  const published = cells.reduce((sum, c) => sum + (numberOr(c.count) ?? 0), 0);
  return { hiddenIndexes, recoveredSum: total - published, trueHiddenSum: hiddenIndexes.reduce((s, i) => s + truth[i]!, 0) };
}

/**
 * Everything the overview and every wijk's profile publish about one theme and period, as the relations an
 * attacker can combine: each gemeente's wijken add up to its total, the gemeenten to the region.
 */
function publishedRelations(figures: WijkFigures[]): PublishedRelation[] {
  const term = (id: string, cell: unknown): Term => (typeof cell === 'number' ? { value: cell } : { hidden: id });
  const overview = protectOverview(figures, new Map(), new Map(), settings);
  const gemeenten = new Map<string, Term>();
  let region: Term = { value: 0 };
  for (const f of figures) {
    const [, gemeente, whole] = protectProfile(
      { code: f.code, figures, breakdowns: breakdowns({}, {}, {}), keys: KEYS },
      settings,
    ).comparison;
    gemeenten.set(f.gemeenteCode, term(f.gemeenteCode, gemeente!.count));
    region = term('region', whole!.count);
  }
  return [
    ...[...gemeenten].map(([code, total]) => ({
      label: code,
      total,
      members: overview.filter((_, i) => figures[i]!.gemeenteCode === code).map((a) => term(a.code, a.count)),
    })),
    { label: 'region', total: region, members: [...gemeenten.values()] },
  ];
}

describe('protectProfile', () => {
  it('leaves no hidden wijk or gemeente count recoverable from the overview and all profiles together', () => {
    // GM0001 is small (3) and hidden; GM0002's only wijk (6) is published in the overview, so hiding GM0002
    // as its complement under the region is no protection: 59 − 6 − 50 = 3.
    const figures = [wijk('WK000101', 'GM0001', 3), wijk('WK000201', 'GM0002', 6), wijk('WK000301', 'GM0003', 50)];
    const ranges = feasibleRanges(publishedRelations(figures));
    expect(ranges.size, 'something is hidden').toBeGreaterThan(0);
    for (const [cell, { lo, hi }] of ranges)
      expect(hi - lo + 1, `${cell} lies in ${lo}…${hi}`).toBeGreaterThanOrEqual(settings.k);
  });

  it('leaves no hidden breakdown cell recoverable from the wijk count the overview publishes', () => {
    // DESIGN §6 worked example as categories: [12, 3, 0, 9] of 24.
    const input: ProfileInput = {
      code: 'WK000101',
      figures: [wijk('WK000101', 'GM0001', 24), wijk('WK000102', 'GM0001', 30)],
      breakdowns: breakdowns({ a: 12, b: 3, d: 9 }, { s1: 22, s2: 2 }, { young: 24 }),
      keys: KEYS,
    };
    const out = protectProfile(input, settings);
    const total = out.comparison[0]!.count;
    expect(total).toBe(24);

    const category = attack(24, out.breakdowns.category, [12, 3, 0, 9]);
    expect(out.breakdowns.category.map((c) => c.count)).toEqual([
      12,
      { suppressed: true, display: '<5' },
      { suppressed: true, display: 'x' },
      { suppressed: true, display: 'x' },
    ]);
    // The attacker learns only the sum of the hidden cells, never one of them.
    expect(category.recoveredSum).toBe(category.trueHiddenSum);
    expect(category.hiddenIndexes.length).toBeGreaterThanOrEqual(2);
    expect(category.recoveredSum).toBeGreaterThanOrEqual(settings.k);

    // Two sources, one small: the other must go too, or 24 − 22 gives the 2 back.
    expect(out.breakdowns.source.map((c) => numberOr(c.count))).toEqual([null, null]);
    // Nothing small in the age split: everything published.
    expect(out.breakdowns.ageBand.map((c) => c.count)).toEqual([24, 0]);
  });

  it('hides every breakdown cell when the overview hides the wijk count', () => {
    // Gemeente [3, 7]: the 3 is small, the 7 its complement; categories of the 7 would add it back up.
    const input: ProfileInput = {
      code: 'WK000102',
      figures: [wijk('WK000101', 'GM0001', 3), wijk('WK000102', 'GM0001', 7), wijk('WK000201', 'GM0002', 40)],
      breakdowns: breakdowns({ a: 5, b: 2 }, { s1: 7 }, { old: 7 }),
      keys: KEYS,
    };
    const out = protectProfile(input, settings);
    expect(out.comparison[0]!.count).toEqual({ suppressed: true, display: 'x' });
    expect(out.comparison[0]!.rate).toEqual({ suppressed: true, display: 'x' });
    for (const rows of Object.values(out.breakdowns)) {
      expect(rows.every((r) => numberOr(r.count) === null)).toBe(true);
    }
    expect(out.breakdowns.category.map((c) => c.count)).toContainEqual({ suppressed: true, display: '<5' });
  });

  it('never leaves a small gemeente alone under the region total, and hides its rate', () => {
    const input: ProfileInput = {
      code: 'WK000101',
      figures: [wijk('WK000101', 'GM0001', 3), wijk('WK000201', 'GM0002', 6), wijk('WK000301', 'GM0003', 50)],
      breakdowns: breakdowns({}, {}, {}),
      keys: KEYS,
    };
    const out = protectProfile(input, settings);
    const [, gemeente, region] = out.comparison;
    expect(gemeente).toMatchObject({ level: 'gemeente', code: 'GM0001', count: { suppressed: true, display: '<5' } });
    expect(gemeente!.rate).toEqual({ suppressed: true, display: 'x' });
    expect(region).toMatchObject({ level: 'region', code: null, count: 59, residents: 3000 });
    expect(numberOr(region!.rate && 'value' in region!.rate ? region!.rate.value : null)).toBeCloseTo((59 / 3000) * 1000, 12);
    // Region 59 minus the published gemeenten must not give GM0001's 3: GM0002 (the smallest) is hidden too.
    const cells = ['WK000101', 'WK000201', 'WK000301'].map(
      (code) => protectProfile({ ...input, code }, settings).comparison[1]!.count,
    );
    expect(cells).toEqual([{ suppressed: true, display: '<5' }, { suppressed: true, display: 'x' }, 50]);
    const recovered = 59 - cells.reduce<number>((sum, c) => sum + (numberOr(c) ?? 0), 0);
    expect(recovered, 'only the sum of two hidden gemeenten, at least k').toBe(3 + 6);
  });

  it('gives no group rate when a wijk has no known population', () => {
    const figures = [
      wijk('WK000101', 'GM0001', 20),
      { ...wijk('WK000102', 'GM0001', 10), residents: null, exactResidents: null },
    ];
    const out = protectProfile({ code: 'WK000101', figures, breakdowns: breakdowns({}, {}, {}), keys: KEYS }, settings);
    expect(out.comparison[1]).toMatchObject({ count: 30, residents: null, rate: null });
    expect(out.comparison[2]).toMatchObject({ count: 30, residents: null, rate: null });
  });
});
