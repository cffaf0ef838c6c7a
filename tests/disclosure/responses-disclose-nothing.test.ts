import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alarmsResponse,
  funnelResponse,
  overviewResponse,
  prioritiesResponse,
  profileResponse,
  seriesResponse,
} from '@wijksignaal/contracts/http';
import { addIsoWeeks, isoWeekFromDate, isoWeekRange, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { CBS_BANDS } from '@wijksignaal/contracts/population';
import { CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';
import { createApp } from '@wijksignaal/api/app';
import { authenticateAs } from '@wijksignaal/api/auth/test-authenticate';
import { openSnapshotReader } from '@wijksignaal/api/db/snapshot-reader';
import { refreshAlarms } from '@wijksignaal/pipelines/analyse/refresh-alarms';
import { refreshPriorities } from '@wijksignaal/pipelines/analyse/refresh-priorities';
import { feasibleRanges, type PublishedRelation, type Term } from '../support/feasible-ranges.ts';
import { writeSnapshot, type SnapshotContent } from '../support/write-snapshot.ts';

/**
 * Must hold (issue 3): for random small snapshots, no data endpoint publishes a count of 1 … k−1, and in
 * every additive relation a response exposes no hidden cell can be recovered from a known total, nor from all
 * responses together (wijk cells, gemeente and region totals, the funnel's centre line). The
 * snapshots carry the pipeline's own alarms and priorities (its refresh functions run on the file).
 */
const NOW = new Date('2025-03-05T12:00:00Z');
const CURRENT: IsoWeek = isoWeekFromDate(NOW);
const LAST_COMPLETE = addIsoWeeks(CURRENT, -1);
const DEFAULT_PERIOD = isoWeekRange(addIsoWeeks(LAST_COMPLETE, -12), LAST_COMPLETE);
const COUNT_KEYS = new Set(['count', 'observed', 'n']);
const AGE_BANDS = ['0-3', '12-14', '15-17', '25-44', '45-64', '75+', 'unknown'] as const;

interface World {
  k: number;
  wijken: { gemeente: number; bands: number[]; no65: boolean }[];
  counts: {
    wijk: number;
    weeksBack: number;
    theme: (typeof THEMES)[number];
    ageBand: string;
    category: number;
    source: (typeof SOURCE_KINDS)[number];
    n: number;
  }[];
}

const world = fc.record({
  k: fc.constantFrom(3, 5, 7),
  wijken: fc.array(
    fc.record({
      gemeente: fc.integer({ min: 0, max: 2 }),
      bands: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 5, maxLength: 5 }),
      no65: fc.boolean(),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  counts: fc.array(
    fc.record({
      wijk: fc.nat({ max: 5 }),
      weeksBack: fc.integer({ min: 0, max: 30 }),
      theme: fc.constantFrom(...THEMES),
      ageBand: fc.constantFrom(...AGE_BANDS),
      category: fc.nat({ max: 4 }),
      source: fc.constantFrom(...SOURCE_KINDS.slice(0, 3)),
      n: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 15 })),
    }),
    { maxLength: 60 },
  ),
});

const categoryOf = (theme: (typeof THEMES)[number], i: number): string => {
  const categories = CATEGORIES_BY_THEME[theme];
  return categories[i % categories.length]!;
};

const code = (i: number, gemeente: number) => `WK000${gemeente + 1}${String(i).padStart(2, '0')}`;

function content(w: World): SnapshotContent {
  const codes = w.wijken.map((x, i) => code(i, x.gemeente));
  return {
    areas: w.wijken.map((x, i) => ({
      code: codes[i]!,
      name: `Wijk ${i}`,
      gemeenteCode: `GM000${x.gemeente + 1}`,
      gemeenteName: `Gemeente ${x.gemeente + 1}`,
      year: 2024,
      residents: x.bands.reduce((a, b) => a + b, 0),
    })),
    population: w.wijken.flatMap((x, i) =>
      CBS_BANDS.filter((band) => !(x.no65 && band === '65+')).map((band, b) => ({
        code: codes[i]!,
        year: 2024,
        band,
        residents: x.bands[b] ?? 0,
      })),
    ),
    weeklyCounts: w.counts
      .filter((c) => c.wijk < w.wijken.length)
      .map((c) => ({
        wijk: codes[c.wijk]!,
        week: addIsoWeeks(CURRENT, -c.weeksBack),
        theme: c.theme,
        ageBand: c.ageBand,
        category: categoryOf(c.theme, c.category),
        sourceKind: c.source,
        n: c.n,
      })),
    analyse: async (conn) => {
      // readSeriesFromCube fails on an empty cube (reported to the pipeline's owner); nothing to detect then.
      if (w.counts.some((c) => c.wijk < w.wijken.length)) await refreshAlarms(conn, 'all', { currentWeek: CURRENT });
      await refreshPriorities(conn, { currentWeek: CURRENT });
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type BreakdownField = 'category' | 'sourceKind' | 'ageBand';
const BREAKDOWN_FIELDS = [
  ['category', 'category'],
  ['source', 'sourceKind'],
  ['ageBand', 'ageBand'],
] as const satisfies readonly (readonly [string, BreakdownField])[];
interface Profile {
  breakdowns: Record<(typeof BREAKDOWN_FIELDS)[number][0], { key: string; count: Json }[]>;
  comparison: { count: Json }[];
}

/** Every count-like number (under a key count/observed/n) that is published as a plain number. */
function publishedCounts(value: Json, path: string, out: { path: string; value: number }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => publishedCounts(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (COUNT_KEYS.has(key) && typeof v === 'number') out.push({ path: `${path}.${key}`, value: v });
      publishedCounts(v, `${path}.${key}`, out);
    }
  }
}

const isHidden = (cell: unknown) =>
  typeof cell === 'object' && cell !== null && (cell as { suppressed?: unknown }).suppressed === true;

/** A relation is safe when no hidden cell is alone and the hidden cells add up to at least k. */
function expectRelationSafe(trueValues: number[], cells: unknown[], k: number, label: string): void {
  const hidden = trueValues.filter((_, i) => isHidden(cells[i]));
  if (hidden.length === 0) return;
  expect(hidden.length, `${label}: one hidden cell is the total minus the rest`).toBeGreaterThanOrEqual(2);
  expect(
    hidden.reduce((a, b) => a + b, 0),
    `${label}: hidden cells add up to less than k`,
  ).toBeGreaterThanOrEqual(k);
}

describe('every data response, for random small snapshots', () => {
  it('publishes no count of 1 … k−1 and leaves no hidden cell recoverable in any additive relation', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const dir = await mkdtemp(join(tmpdir(), 'api-disclosure-'));
        const snap = content(w);
        await writeSnapshot(dir, 1, snap);
        const reader = await openSnapshotReader({ dir });
        try {
          const app = createApp({
            snapshots: reader,
            authenticate: authenticateAs('epidemiologist'),
            now: () => NOW,
            disclosure: { k: w.k, minDenominator: 100 },
          });
          const get = async (path: string): Promise<Json> => {
            const res = await app.request(path);
            expect(res.status, path).toBe(200);
            return (await res.json()) as Json;
          };
          const codes = (snap.areas ?? []).map((a) => a.code);
          const gemeenteOf = new Map((snap.areas ?? []).map((a) => [a.code, a.gemeenteCode]));
          const weekly = (wijk: string, theme: string, week: IsoWeek) =>
            (snap.weeklyCounts ?? [])
              .filter((c) => c.wijk === wijk && c.theme === theme && c.week === week)
              .reduce((s, c) => s + c.n, 0);
          const periodCount = (wijk: string, theme: string) =>
            DEFAULT_PERIOD.reduce((s, week) => s + weekly(wijk, theme, week), 0);
          const inPeriod = new Set<string>(DEFAULT_PERIOD);
          const breakdownTruth = (wijk: string, theme: string, field: BreakdownField, key: string) =>
            (snap.weeklyCounts ?? [])
              .filter((c) => c.wijk === wijk && c.theme === theme && inPeriod.has(c.week) && c[field] === key)
              .reduce((s, c) => s + c.n, 0);

          const responses: [string, Json][] = [];
          const record = async (path: string) => {
            const body = await get(path);
            const schema = path.includes('/profile')
              ? profileResponse
              : path.includes('/series')
                ? seriesResponse
                : path.includes('/overview')
                  ? overviewResponse
                  : path.includes('/alarms')
                    ? alarmsResponse
                    : path.includes('/priorities')
                      ? prioritiesResponse
                      : funnelResponse;
            schema.parse(body); // every answer matches the contract the dashboard is typed from
            responses.push([path, body]);
            return body as { [key: string]: Json };
          };
          const storedPriorities = await record('/api/v1/priorities');
          await record('/api/v1/priorities?smrWeight=2&trendWeight=0.5&alarmWeight=3');
          await record('/api/v1/alarms');
          const alarms = await record(`/api/v1/alarms?from=${DEFAULT_PERIOD[0]}&to=${LAST_COMPLETE}`);
          for (const theme of THEMES) {
            await record(`/api/v1/priorities?theme=${theme}`);
            await record(`/api/v1/overview?theme=${theme}&from=${addIsoWeeks(CURRENT, -30)}&to=${CURRENT}`);
            const overview = (await record(`/api/v1/overview?theme=${theme}`)) as {
              areas: { code: string; count: Json; rate: Json; ratePer1000: Json; smr: Json }[];
            };
            const funnel = (await record(`/api/v1/funnel?theme=${theme}`)) as {
              areas: { code: string; observed: Json }[];
              targetPer1000: Json;
            };

            // Derived figures go with their count; the funnel and the priorities hide the same cells.
            for (const area of overview.areas) {
              if (isHidden(area.count))
                for (const f of [area.rate, area.ratePer1000, area.smr]) expect(f === null || isHidden(f)).toBe(true);
            }
            const hiddenIn = (rows: { code: string; cell: Json }[]) => rows.filter((r) => isHidden(r.cell)).map((r) => r.code);
            const overviewHidden = hiddenIn(overview.areas.map((a) => ({ code: a.code, cell: a.count })));
            expect(hiddenIn(funnel.areas.map((a) => ({ code: a.code, cell: a.observed })))).toEqual(overviewHidden);
            const prio = storedPriorities.priorities as { code: string; components: Record<string, { observed: Json }> }[];
            expect(hiddenIn(prio.map((p) => ({ code: p.code, cell: p.components[theme]?.observed ?? 0 }))).sort()).toEqual(
              [...overviewHidden].sort(),
            );

            // The weeks of a period add up to the wijk's count, which the overview publishes when it can.
            const gemeenteCells = new Map<string, Json>();
            let regionCell: Json = null;
            for (const wijk of codes) {
              const series = (await record(`/api/v1/areas/${wijk}/series?theme=${theme}`)) as {
                weeks: { week: IsoWeek; count: Json }[];
              };
              const published = overview.areas.find((a) => a.code === wijk)?.count;
              if (typeof published === 'number') {
                expectRelationSafe(
                  series.weeks.map((x) => weekly(wijk, theme, x.week)),
                  series.weeks.map((x) => x.count),
                  w.k,
                  `${wijk} ${theme}`,
                );
              }
              for (const alarm of (alarms.alarms as { code: string; theme: string; week: IsoWeek; observed: Json }[]).filter(
                (a) => a.code === wijk && a.theme === theme,
              )) {
                expect(alarm.observed, 'an alarm shows the week as the series does').toEqual(
                  series.weeks.find((x) => x.week === alarm.week)?.count,
                );
              }

              // The profile: its wijk cell is the overview's, each breakdown adds up to it, and when the
              // overview hides it no breakdown may add it back up.
              const profile = (await record(`/api/v1/areas/${wijk}/profile?theme=${theme}`)) as unknown as Profile;
              expect(profile.comparison[0]?.count, 'the profile shows the wijk as the overview does').toEqual(published);
              for (const [dimension, field] of BREAKDOWN_FIELDS) {
                const rows = profile.breakdowns[dimension];
                const truth = rows.map((r) => breakdownTruth(wijk, theme, field, r.key));
                if (typeof published === 'number')
                  expectRelationSafe(
                    truth,
                    rows.map((r) => r.count),
                    w.k,
                    `${wijk} ${theme} by ${dimension}`,
                  );
                else
                  expect(
                    rows.filter((r, i) => (truth[i] ?? 0) > 0 && !isHidden(r.count)),
                    `${wijk} ${theme} by ${dimension}: the overview hides the wijk, so every cell goes`,
                  ).toEqual([]);
              }
              const gemeente = gemeenteOf.get(wijk)!;
              gemeenteCells.set(gemeente, profile.comparison[1]?.count ?? null);
              regionCell = profile.comparison[2]?.count ?? null;
            }

            // The gemeenten add up to the region, which the profile publishes unless it is small itself.
            const gemeenten = [...gemeenteCells.keys()];
            const gemeenteTruth = gemeenten.map((g) =>
              codes.filter((c) => gemeenteOf.get(c) === g).reduce((sum, c) => sum + periodCount(c, theme), 0),
            );
            // The wijken of a gemeente add up to its total wherever a profile publishes it. A hidden gemeente
            // total is left to the attack on everything together below.
            for (const gemeente of gemeenten) {
              if (typeof gemeenteCells.get(gemeente) !== 'number') continue;
              const members = overview.areas.filter((a) => gemeenteOf.get(a.code) === gemeente);
              expectRelationSafe(
                members.map((a) => periodCount(a.code, theme)),
                members.map((a) => a.count),
                w.k,
                `${theme} ${gemeente}`,
              );
            }

            if (typeof regionCell === 'number')
              expectRelationSafe(
                gemeenteTruth,
                gemeenten.map((g) => gemeenteCells.get(g)),
                w.k,
                `${theme} gemeenten in the region`,
              );

            // Everything together: the overview's wijk cells, every profile's gemeente and region, and the
            // funnel's centre line (× the residents it is over: the count of the wijken with a population).
            // However these are combined, every hidden count keeps at least k possible values.
            const term = (id: string, cell: Json | undefined): Term =>
              typeof cell === 'number' ? { value: cell } : { hidden: id };
            const relations: PublishedRelation[] = [
              ...gemeenten.map((g) => ({
                label: g,
                total: term(g, gemeenteCells.get(g)),
                members: overview.areas.filter((a) => gemeenteOf.get(a.code) === g).map((a) => term(a.code, a.count)),
              })),
              {
                label: 'region',
                total: term('region', regionCell),
                members: gemeenten.map((g) => term(g, gemeenteCells.get(g))),
              },
            ];
            if (typeof funnel.targetPer1000 === 'number') {
              const withPopulation = (overview.areas as { code: string; count: Json; residents?: Json }[]).filter(
                (a) => typeof a.residents === 'number' && a.residents > 0,
              );
              const residents = withPopulation.reduce((sum, a) => sum + (a.residents as number), 0);
              relations.push({
                label: 'funnel centre line',
                total: { value: Math.round((funnel.targetPer1000 * residents) / 1000) },
                members: withPopulation.map((a) => term(a.code, a.count)),
              });
            }
            for (const [cell, { lo, hi }] of feasibleRanges(relations))
              expect(hi - lo + 1, `${theme}: ${cell} lies in ${lo}…${hi} given everything published`).toBeGreaterThanOrEqual(w.k);
          }
          for (const [path, body] of responses) {
            const found: { path: string; value: number }[] = [];
            publishedCounts(body, path, found);
            const small = found.filter((f) => f.value >= 1 && f.value < w.k);
            expect(small, `small counts published (k = ${w.k})`).toEqual([]);
          }
        } finally {
          await reader.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
