import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feasibleRanges, type PublishedRelation, type Term } from '../../tests/support/feasible-ranges.ts';
import { protectTable } from './protect-table.ts';
import { isSuppressed, type Cell } from './suppressed-value.ts';

interface OverviewRow {
  wijk: string;
  gemeente: string;
  week: string;
  count: number;
  residents: number | null;
  ratePer1000: number | null;
  interval: { lower: number; upper: number } | null;
}

function overviewRow(wijk: string, gemeente: string, week: string, count: number, residents: number | null): OverviewRow {
  const ratePer1000 = residents ? (count / residents) * 1000 : null;
  return {
    wijk,
    gemeente,
    week,
    count,
    residents,
    ratePer1000,
    interval: ratePer1000 === null ? null : { lower: ratePer1000 * 0.5, upper: ratePer1000 * 1.5 },
  };
}

const isSmall = (cell: Cell, k: number) => typeof cell === 'number' && cell >= 1 && cell < k;

const tableArb = fc
  .record({
    k: fc.integer({ min: 3, max: 10 }),
    minDenominator: fc.integer({ min: 1, max: 500 }),
    rows: fc.array(
      fc.record({
        wijk: fc.constantFrom('WK000101', 'WK000102', 'WK000103', 'WK000201', 'WK000202'),
        week: fc.constantFrom('2025-W01', '2025-W02', '2025-W03'),
        count: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 200 })),
        residents: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
      }),
      { maxLength: 15 },
    ),
  })
  .map(({ k, minDenominator, rows }) => {
    // One row per wijk and week, as a response has.
    const unique = new Map(rows.map((r) => [`${r.wijk}/${r.week}`, r]));
    return {
      k,
      minDenominator,
      rows: [...unique.values()].map((r) =>
        overviewRow(r.wijk, r.wijk.slice(0, 6).replace('WK', 'GM'), r.week, r.count, r.residents),
      ),
    };
  });

function protectOverview(rows: OverviewRow[], k: number, minDenominator: number) {
  return protectTable({
    rows,
    countField: 'count',
    derivedFields: [
      { field: 'ratePer1000', denominatorField: 'residents' },
      { field: 'interval', denominatorField: 'residents' },
    ],
    relations: [
      { name: 'gemeenteWeek', key: (r) => `${r.gemeente}/${r.week}`, totalPublished: true },
      { name: 'wijkPeriod', key: (r) => r.wijk, totalPublished: true },
    ],
    k,
    minDenominator,
  });
}

describe('protectTable', () => {
  it('protects the worked example: wijken [12, 3, 0, 9] of one gemeente-week, total 24, k = 5', () => {
    const rows = [12, 3, 0, 9].map((count, i) => ({ wijk: `WK00010${i}`, gemeente: 'GM0001', count }));
    const table = protectTable({
      rows,
      countField: 'count',
      relations: [{ name: 'gemeente', key: (r) => r.gemeente, totalPublished: true }],
    });
    expect(table.rows.map((r) => r.count)).toEqual([
      12,
      { suppressed: true, display: '<5' },
      { suppressed: true, display: 'x' },
      { suppressed: true, display: 'x' },
    ]);
    expect(table.totals).toEqual({ gemeente: [{ key: 'GM0001', count: 24 }] });
    expect(rows[1]?.count).toBe(3); // the input is left as it was
  });

  it('publishes no count between 1 and k−1, in rows or totals, whatever the table', () => {
    fc.assert(
      fc.property(tableArb, ({ k, minDenominator, rows }) => {
        const table = protectOverview(rows, k, minDenominator);
        for (const row of table.rows) expect(isSmall(row.count, k)).toBe(false);
        for (const totals of Object.values(table.totals)) for (const t of totals) expect(isSmall(t.count, k)).toBe(false);
        // Published counts are the true ones.
        table.rows.forEach((row, i) => {
          if (!isSuppressed(row.count)) expect(row.count).toBe(rows[i]?.count);
        });
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('hides rates and intervals of hidden counts and of too few residents, and keeps the rest', () => {
    fc.assert(
      fc.property(tableArb, ({ k, minDenominator, rows }) => {
        const table = protectOverview(rows, k, minDenominator);
        table.rows.forEach((row, i) => {
          const original = rows[i] as OverviewRow;
          const mustHide =
            original.ratePer1000 !== null &&
            (isSuppressed(row.count) || original.residents === null || original.residents < minDenominator);
          if (mustHide) {
            expect(isSuppressed(row.ratePer1000)).toBe(true);
            expect(isSuppressed(row.interval)).toBe(true);
          } else {
            expect(row.ratePer1000).toBe(original.ratePer1000);
            expect(row.interval).toEqual(original.interval);
          }
        });
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('leaves no hidden cell recoverable from a published total in either direction', () => {
    fc.assert(
      fc.property(tableArb, ({ k, minDenominator, rows }) => {
        const table = protectOverview(rows, k, minDenominator);
        const relations = [
          { name: 'gemeenteWeek', key: (r: OverviewRow) => `${r.gemeente}/${r.week}` },
          { name: 'wijkPeriod', key: (r: OverviewRow) => r.wijk },
        ];
        for (const relation of relations) {
          for (const total of table.totals[relation.name] ?? []) {
            if (isSuppressed(total.count)) continue;
            const members = rows.map((r, i) => ({ r, i })).filter(({ r }) => relation.key(r) === total.key);
            const hidden = members.filter(({ i }) => isSuppressed(table.rows[i]?.count));
            expect(hidden.length).not.toBe(1);
            if (hidden.length > 0) expect(hidden.reduce((s, { r }) => s + r.count, 0)).toBeGreaterThanOrEqual(k);
          }
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('protects wijken → gemeente → region as one hierarchy: no hidden count follows from all published numbers', () => {
    const hierarchy = fc.record({
      k: fc.integer({ min: 3, max: 7 }),
      wijken: fc.array(
        fc.record({
          gemeente: fc.constantFrom('GM01', 'GM02', 'GM03', 'GM04'),
          count: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })),
        }),
        { minLength: 1, maxLength: 10 },
      ),
    });
    fc.assert(
      fc.property(hierarchy, ({ k, wijken }) => {
        const table = protectTable({
          rows: wijken,
          countField: 'count',
          relations: [
            { name: 'gemeente', key: (r) => r.gemeente, totalPublished: true },
            { name: 'region', key: () => 'region', ofTotals: 'gemeente', totalPublished: true },
          ],
          k,
        });
        const term = (id: string, cell: Cell): Term => (typeof cell === 'number' ? { value: cell } : { hidden: id });
        const gemeenten = table.totals.gemeente ?? [];
        const region = table.totals.region ?? [];
        expect(region).toHaveLength(1);
        const regionTruth = wijken.reduce((s, w) => s + w.count, 0);
        if (!isSuppressed(region[0]!.count)) expect(region[0]!.count).toBe(regionTruth);
        expect(isSmall(region[0]!.count, k)).toBe(false);
        const relations: PublishedRelation[] = [
          ...gemeenten.map((g) => ({
            label: g.key,
            total: term(g.key, g.count),
            members: table.rows.flatMap((r, i) => (r.gemeente === g.key ? [term(`wijk ${i}`, r.count)] : [])),
          })),
          { label: 'region', total: term('region', region[0]!.count), members: gemeenten.map((g) => term(g.key, g.count)) },
        ];
        for (const [cell, { lo, hi }] of feasibleRanges(relations)) {
          // Every hidden count keeps at least k possible values (sound bounds: the truth is among them).
          expect(hi - lo + 1, `${cell} lies in ${lo}…${hi}`).toBeGreaterThanOrEqual(k);
        }
        // The totals are the true sums, when published.
        for (const g of gemeenten) {
          const truth = wijken.filter((w) => w.gemeente === g.key).reduce((s, w) => s + w.count, 0);
          if (!isSuppressed(g.count)) expect(g.count).toBe(truth);
          expect(isSmall(g.count, k)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('hides a gemeente wijk when the gemeente is hidden under the region but its wijken would add it up', () => {
    // GM01 = 3 is small; GM02 = 6 is its complement under the region 59. Publishing GM02's one wijk would
    // give GM02 back and then GM01 = 59 − 6 − 50, so that wijk is hidden as well.
    const rows = [
      { gemeente: 'GM01', count: 3 },
      { gemeente: 'GM02', count: 6 },
      { gemeente: 'GM03', count: 50 },
    ];
    const table = protectTable({
      rows,
      countField: 'count',
      relations: [
        { name: 'gemeente', key: (r) => r.gemeente, totalPublished: true },
        { name: 'region', key: () => 'region', ofTotals: 'gemeente', totalPublished: true },
      ],
    });
    const x = { suppressed: true, display: 'x' };
    const small = { suppressed: true, display: '<5' };
    expect(table.rows.map((r) => r.count)).toEqual([small, x, 50]);
    expect(table.totals).toEqual({
      gemeente: [
        { key: 'GM01', count: small },
        { key: 'GM02', count: x },
        { key: 'GM03', count: 50 },
      ],
      region: [{ key: 'region', count: 59 }],
    });
  });

  it('refuses a level over totals that are not there', () => {
    expect(() =>
      protectTable({
        rows: [{ count: 3 }],
        countField: 'count',
        relations: [{ name: 'region', key: () => 'region', ofTotals: 'gemeente', totalPublished: true }],
      }),
    ).toThrow(/must come earlier and publish its totals/);
  });

  it('protects the weeks of a series, and categories × weeks with totals both ways', () => {
    const weeks = [6, 2, 0, 11, 7].map((count, i) => ({ week: `2025-W0${i + 1}`, count }));
    const series = protectTable({
      rows: weeks,
      countField: 'count',
      relations: [{ name: 'period', key: () => 'all', totalPublished: false }],
    });
    const x = { suppressed: true, display: 'x' };
    // 2 is small; 0 alone does not cover it (hidden sum 2 < 5), the next smallest is 6.
    expect(series.rows.map((r) => r.count)).toEqual([x, { suppressed: true, display: '<5' }, x, 11, 7]);
    expect(series.totals).toEqual({});

    // Categories × weeks: each week's categories add up to the theme's weekly count, each category's weeks
    // to its period total; both kinds of total are shown, and hiding must hold for both at once.
    const cells = [
      { week: 'W1', category: 'social', count: 3 },
      { week: 'W1', category: 'emotional', count: 20 },
      { week: 'W1', category: 'isolation', count: 8 },
      { week: 'W2', category: 'social', count: 9 },
      { week: 'W2', category: 'emotional', count: 15 },
      { week: 'W2', category: 'isolation', count: 6 },
    ];
    const themed = protectTable({
      rows: cells,
      countField: 'count',
      relations: [
        { name: 'week', key: (r) => r.week, totalPublished: true },
        { name: 'category', key: (r) => r.category, totalPublished: true },
      ],
    });
    expect(themed.rows.map((r) => r.count)).toEqual([{ suppressed: true, display: '<5' }, 20, x, x, 15, x]);
    expect(themed.totals).toEqual({
      week: [
        { key: 'W1', count: 31 },
        { key: 'W2', count: 30 },
      ],
      category: [
        { key: 'social', count: 12 },
        { key: 'emotional', count: 35 },
        { key: 'isolation', count: 14 },
      ],
    });
  });

  it('uses a configured k in labels and refuses one below 3', () => {
    const rows = [{ count: 7 }, { count: 30 }, { count: 12 }];
    const table = protectTable({
      rows,
      countField: 'count',
      k: 10,
      relations: [{ name: 'all', key: () => 'all', totalPublished: true }],
    });
    expect(table.rows[0]?.count).toEqual({ suppressed: true, display: '<10' });
    expect(table.rows[2]?.count).toEqual({ suppressed: true, display: 'x' });
    expect(() => protectTable({ rows, countField: 'count', k: 2 })).toThrow(/at least 3/);
  });

  it('refuses a count that is not a whole number of at least 0', () => {
    expect(() => protectTable({ rows: [{ count: -1 }], countField: 'count' })).toThrow(/count of row 0/);
  });
});
