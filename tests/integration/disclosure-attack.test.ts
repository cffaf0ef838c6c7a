import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  alarmsResponse,
  funnelResponse,
  overviewResponse,
  prioritiesResponse,
  profileResponse,
  seriesResponse,
} from '@wijksignaal/contracts/http';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { addIsoWeeks, isoWeekFromDate, isoWeekRange, mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES } from '@wijksignaal/contracts/signal';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';
import { PERIOD_KINDS, periodsOverlapping, type GridPeriod } from '@wijksignaal/domain/published/period-grid';
import { MAX_NOISE } from '@wijksignaal/domain/published/perturbation';
import { averagingAttack, hitRates } from '../support/attack/averaging-attacker.ts';
import { lpAttack, type LpAttackOptions } from '../support/attack/lp-attacker.ts';
import {
  cellsOf,
  exactlyPublished,
  identitiesOf,
  truthOf,
  type AttackUniverse,
  type PublishedFact,
  type PublishedRow,
} from '../support/attack/published-fact.ts';
import { unpinnedByNeighbour } from '../support/attack/unpinned-by-neighbour.ts';
import { apiToken } from '../support/dashboard-session.ts';
import { createTopics, uniqueTopicNames, produceSignals } from '../support/kafka-kit.ts';
import { latestSnapshotMeta, queryFile } from '../support/read-snapshot.ts';
import { sparseGroundTruth, type SparseSignal } from '../support/sparse-ground-truth.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { settledSnapshot } from '../support/settled-snapshot.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * The attack of the disclosure issue, on a real stack: a known sparse truth (45 Rotterdam-Rijnmond wijken
 * in several gemeenten, 12 weeks, about one signal per wijk × theme × week) goes through Kafka and the
 * pipeline; an attacker with epidemiologist credentials then reads every view and export the API answers
 * for every grid period that touches the data, and every series, profile, funnel, alarm and priority.
 */
const K = 5;
const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
const AREAS = resolve(SHARED_DATA, 'cbs_wijken_2024_ggd_rotterdam_rijnmond.geojson');
const POPULATION = resolve(SHARED_DATA, 'kwb_2024_wijken_nl.csv');
const brokers = inject('kafkaBrokers').split(',');
const LAST_WEEK = addIsoWeeks(isoWeekFromDate(new Date()), -1);
const WEEKS = isoWeekRange(addIsoWeeks(LAST_WEEK, -11), LAST_WEEK);

let stack: TestStack | undefined;
let registry: AreaRegistry;
let signals: SparseSignal[] = [];
let facts: PublishedFact[] = [];
let universe: AttackUniverse;
let truth = new Map<string, number>();
const readConflicts: string[] = [];
const read = { answers: 0, numbers: 0, withheld: 0 };

interface Seen {
  theme: string;
  level: PublishedRow['level'];
  area: string;
  from: IsoWeek;
  to: IsoWeek;
  dimension: PublishedRow['dimension'];
  value: string;
}

/** Every count cell the attacker read, keyed by what it counts; the same cell must read the same everywhere. */
const seen = new Map<string, { cell: Seen; value: number | 'withheld'; where: string }>();
function record(cell: Seen, shown: unknown, where: string): void {
  const value = typeof shown === 'number' ? shown : 'withheld';
  const key = [cell.theme, cell.level, cell.area, cell.from, cell.to, cell.dimension, cell.value].join('|');
  const before = seen.get(key);
  if (before && before.value !== value)
    readConflicts.push(`${key}: ${String(before.value)} in ${before.where}, ${String(value)} in ${where}`);
  if (!before) seen.set(key, { cell, value, where });
  if (value === 'withheld') read.withheld++;
  else read.numbers++;
}

function periodsOfData(): GridPeriod[] {
  return PERIOD_KINDS.flatMap((kind) => periodsOverlapping(kind, WEEKS[0]!, WEEKS.at(-1)!));
}

async function readEverything(baseUrl: string, wijken: readonly { code: string; gemeente: string }[]): Promise<void> {
  const token = await apiToken(baseUrl, 'epidemioloog');
  const fetchOk = async (path: string): Promise<Response> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    read.answers++;
    return res;
  };
  const get = async <T>(path: string, schema: { parse: (v: unknown) => T }) => schema.parse(await (await fetchOk(path)).json());
  const csv = async (path: string) => {
    const [header, ...lines] = (await (await fetchOk(path)).text()).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const names = header!.split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
  };
  const csvCell = (row: Record<string, string>) => (row.count === '' ? 'withheld' : Number(row.count));
  const wijkCell = (theme: string, area: string, p: { from: IsoWeek; to: IsoWeek }): Seen => ({
    theme,
    level: 'wijk',
    area,
    ...p,
    dimension: 'total',
    value: '',
  });
  const inUniverse = new Set(wijken.map((w) => w.code));

  for (const theme of THEMES) {
    for (const p of periodsOfData()) {
      const q = `theme=${theme}&from=${p.from}&to=${p.to}`;
      for (const a of overviewRows(await get(`/overview?${q}`, overviewResponse)))
        if (inUniverse.has(a.code)) record(wijkCell(theme, a.code, p), a.count, `overview ${p.label}`);
      for (const a of (await get(`/funnel?${q}`, funnelResponse)).areas)
        if (inUniverse.has(a.code)) record(wijkCell(theme, a.code, p), a.observed, `funnel ${p.label}`);
      for (const row of await csv(`/exports/overview?${q}&format=csv`))
        if (inUniverse.has(row.wijk_code!))
          record(wijkCell(theme, row.wijk_code!, p), csvCell(row), `overview export ${p.label}`);
      for (const { code, gemeente } of wijken) {
        const profile = await get(`/areas/${code}/profile?${q}`, profileResponse);
        for (const dimension of ['category', 'source', 'ageBand'] as const)
          for (const row of profile.breakdowns[dimension])
            record({ ...wijkCell(theme, code, p), dimension, value: row.key }, row.count, `profile ${p.label}`);
        const [own, gem, region] = profile.comparison;
        record(wijkCell(theme, code, p), own!.count, `profile ${p.label}`);
        record({ ...wijkCell(theme, gemeente, p), level: 'gemeente' }, gem!.count, `profile ${p.label}`);
        record({ ...wijkCell(theme, 'region', p), level: 'region' }, region!.count, `profile ${p.label}`);
      }
    }
    const weeks = `from=${WEEKS[0]}&to=${WEEKS.at(-1)}`;
    for (const { code } of wijken)
      for (const w of (await get(`/areas/${code}/series?theme=${theme}&${weeks}`, seriesResponse)).weeks)
        if (WEEKS.includes(w.week)) record(wijkCell(theme, code, { from: w.week, to: w.week }), w.count, 'series');
    for (const row of await csv(`/exports/weekly-counts?theme=${theme}&${weeks}&format=csv`))
      if (inUniverse.has(row.wijk_code!))
        record(wijkCell(theme, row.wijk_code!, { from: row.week!, to: row.week! }), csvCell(row), 'weekly export');
    // The Parquet export carries the same cells as the CSV one.
    const parquet = join(await mkdtemp(join(tmpdir(), 'wijksignaal-parquet-')), 'weekly.parquet');
    await writeFile(
      parquet,
      Buffer.from(await (await fetchOk(`/exports/weekly-counts?theme=${theme}&${weeks}&format=parquet`)).arrayBuffer()),
    );
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const [code, week, count] of (
      await conn.runAndReadAll(`SELECT wijk_code, week, count FROM read_parquet('${parquet}')`)
    ).getRowsJS())
      if (inUniverse.has(String(code)))
        record(
          wijkCell(theme, String(code), { from: String(week), to: String(week) }),
          count === null ? null : Number(count),
          'weekly parquet',
        );
    conn.closeSync();
    instance.closeSync();
  }
  for (const a of (await get(`/alarms?from=${WEEKS[0]}&to=${WEEKS.at(-1)}`, alarmsResponse)).alarms)
    if (inUniverse.has(a.code) && WEEKS.includes(a.week))
      record(wijkCell(a.theme, a.code, { from: a.week, to: a.week }), a.observed, 'alarms');
  const priorities = await get('/priorities', prioritiesResponse);
  for (const entry of priorities.priorities)
    for (const [theme, c] of Object.entries(entry.components))
      if (inUniverse.has(entry.code) && c.observed !== undefined)
        record(
          wijkCell(theme, entry.code, { from: priorities.period!.from, to: priorities.period!.to }),
          c.observed,
          'priorities',
        );
}

beforeAll(async () => {
  registry = await loadAreaRegistry({ areasFile: AREAS, populationFile: POPULATION });
  signals = sparseGroundTruth(registry, { wijken: 45, weeks: WEEKS.length, lastWeek: LAST_WEEK, meanPerCell: 1, seed: 21 });
  const names = uniqueTopicNames('disclosure-attack');
  await createTopics(brokers, names, 3);
  await produceSignals(
    brokers,
    names,
    signals.map((s) => ({ key: s.area, value: s })),
  );
  stack = await startTestStack(brokers, names, ['--areas', AREAS, '--population', POPULATION]);
  const snapshots = join(stack.dataDir, 'snapshots');
  // Every period holding the signals, quarters and years too (a light snapshot may carry their weeks first).
  await settledSnapshot(stack.pipeline, snapshots, signals.length);
  await waitFor(
    async () => {
      const meta = await latestSnapshotMeta(snapshots);
      const file = join(snapshots, `serving-${String(meta?.sequence ?? '0').padStart(8, '0')}.duckdb`);
      const [row] = await queryFile(file, 'SELECT count(*)::INTEGER AS n FROM priorities').catch(() => [{ n: 0 }]);
      return Number(row?.n ?? 0) > 0;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'detection and priorities in the served snapshot' },
  );

  const byCode = new Map(registry.areas.map((a) => [a.code, a.gemeenteCode]));
  const wijken = [...new Set(signals.map((s) => s.area))].sort().map((code) => ({ code, gemeente: byCode.get(code)! }));
  universe = {
    themes: THEMES.map((theme) => ({ theme, categories: CATEGORIES_BY_THEME[theme] })),
    sources: SOURCE_KINDS,
    ageBands: AGE_BANDS,
    wijken,
    weeks: WEEKS.map(mondayIsoDate),
  };
  truth = truthOf(signals.map((s) => ({ ...s, wijk: s.area, weekMonday: mondayIsoDate(s.week) })));
  await readEverything(stack.baseUrl, wijken);
  facts = [...seen.values()].map(({ cell, value }) => ({
    cells: cellsOf(universe, { ...cell, periodFrom: mondayIsoDate(cell.from), periodTo: mondayIsoDate(cell.to) }),
    value,
    label: `${cell.theme} ${cell.level} ${cell.area} ${cell.from}..${cell.to} ${cell.dimension}${cell.value ? `=${cell.value}` : ''}`,
  }));
  console.log(
    `[disclosure-attack] ${signals.length} signals in ${wijken.length} wijken of ${new Set(wijken.map((w) => w.gemeente)).size} gemeenten, ` +
      `${WEEKS.length} weeks; ${read.answers} answers read, ${read.numbers} numbers and ${read.withheld} withheld cells, ${facts.length} distinct cells`,
  );
}, 600_000);

afterAll(async () => {
  await stack?.stop();
  if (stack) await rm(stack.dataDir, { recursive: true, force: true });
});

const smallTargets = () => [...truth].filter(([id, n]) => id.startsWith('x|') && n >= 1 && n < K).map(([id]) => id);

describe('an attacker holding every answer of the API and its exports', () => {
  it('reads the same number for the same cell in every view and export, and never a count from 1 to k−1', () => {
    expect(readConflicts).toEqual([]);
    expect([...seen.values()].filter((s) => typeof s.value === 'number' && s.value < K)).toEqual([]);
    expect(smallTargets().length).toBeGreaterThan(300);
  });

  it('pins no true weekly count from 1 to k−1 with a linear program over all of it, though it would pin most without perturbation', async () => {
    const options: LpAttackOptions = { k: K, maxNoise: MAX_NOISE };
    const identities = identitiesOf(universe);
    const control = await lpAttack(
      { facts: exactlyPublished(facts, truth, K), identities, targets: smallTargets() },
      { ...options, exact: true },
    );
    const pinnedExactly = smallTargets().filter((t) => control.intervals.get(t)!.pinned).length;
    expect(pinnedExactly / smallTargets().length).toBeGreaterThan(0.5);

    const certified = unpinnedByNeighbour(facts, universe, truth, options);
    const undecided = smallTargets().filter((t) => !certified(t));
    const result = await lpAttack({ facts, identities, targets: undecided }, options);
    const pinned = undecided.filter((t) => result.intervals.get(t)!.pinned);
    console.log(
      `[disclosure-attack] exact publication: ${pinnedExactly} of ${smallTargets().length} small counts pinned; ` +
        `as published: ${smallTargets().length - undecided.length} unpinned by a neighbouring solution, ${undecided.length} left to the LP, ${pinned.length} pinned`,
    );
    expect(pinned).toEqual([]);
  });

  it('guesses small counts by averaging differences of overlapping cells no better than always guessing the commonest one (+10 points)', () => {
    const guesses = averagingAttack(
      { facts, identities: identitiesOf(universe), targets: smallTargets() },
      { k: K, fallback: 1 },
    );
    const rates = hitRates(guesses, truth, K);
    console.log(`[disclosure-attack] averaging: ${JSON.stringify(rates)}`);
    expect(rates.hitRate).toBeLessThanOrEqual(rates.baselineRate + 0.1);
    expect(rates.weightedHitRate).toBeLessThanOrEqual(rates.baselineRate + 0.1);
  });
});
