import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from '@wijksignaal/areas/seeded-random';
import { formatIsoWeek, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS, THEMES, type Signal } from '@wijksignaal/contracts/signal';
import { MAX_NOISE, RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { cubeDelta } from '@wijksignaal/pipelines/aggregate/cube-delta';
import { periodsOfCube, publishedCountsSelect, stagePublishedPeriods } from '@wijksignaal/pipelines/publish/published-counts';
import { REGISTRY_SCHEMA, weeklyCountsDdl } from '@wijksignaal/pipelines/store/live-schema';
import { averagingAttack, hitRates } from '../support/attack/averaging-attacker.ts';
import { unpinnedByNeighbour } from '../support/attack/unpinned-by-neighbour.ts';
import { factBounds, lpAttack, type LpAttackOptions, type LpAttackResult } from '../support/attack/lp-attacker.ts';
import {
  exactlyPublished,
  factsFromPublishedRows,
  identitiesOf,
  knownZeros,
  totalUnknownsOf,
  truthOf,
  trueSum,
  type AttackUniverse,
  type PublishedFact,
  type PublishedRow,
} from '../support/attack/published-fact.ts';

/**
 * Must hold (domain/published/README.md): an attacker who has read the whole published table — every
 * wijk, gemeente and the region, every grid period, in total and by category, source kind and age band —
 * and who knows the design (not the record keys) cannot work out any true count from 1 to k−1.
 *
 * A known sparse ground truth (Poisson, mean 1 signal per wijk × theme × week, so most wijk-weeks are
 * small) is written straight into a live-shaped DuckDB cube, the pipeline's own published-table query
 * runs over it, and the attackers of tests/support/attack read the result:
 * - control: the same cells published the old way (true counts, primary suppression of 1 … k−1) let the
 *   linear-programming attacker pin a large share of the small counts, so the attacker is shown to work;
 * - the perturbed table lets it pin none;
 * - averaging every difference of linked published cells guesses no better than always guessing the
 *   commonest small value (within 10 points);
 * - no published count lies in 1 … k−1.
 */
const K = 5;
const SEED = 20250707;
const GEMEENTEN = ['GM0991', 'GM0992', 'GM0993', 'GM0994'];
const WIJKEN_PER_GEMEENTE = 11;
/** 2025-W07 … 2025-W20: crosses the Q1/Q2 boundary, and 4-week period P04 (W13–W16) straddles it. */
const WEEKS = Array.from({ length: 14 }, (_, i) => mondayIsoDate(formatIsoWeek(2025, 7 + i)));
const MEAN_PER_WIJK_WEEK = 1;

interface TrueSignal {
  wijk: string;
  week: string;
  theme: string;
  category: string;
  sourceKind: string;
  ageBand: string;
  recordKey: number;
}

function poisson(rng: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let n = 0;
  for (let p = rng.next(); p > limit; p *= rng.next()) n++;
  return n;
}

const wijken = GEMEENTEN.flatMap((gemeente) =>
  Array.from({ length: WIJKEN_PER_GEMEENTE }, (_, i) => ({
    code: `WK${gemeente.slice(2)}${String(i + 1).padStart(2, '0')}`,
    gemeente,
  })),
);
const universe: AttackUniverse = {
  themes: THEMES.map((theme) => ({ theme, categories: CATEGORIES_BY_THEME[theme] })),
  sources: SOURCE_KINDS,
  ageBands: AGE_BANDS,
  wijken,
  // The year periods reach beyond these weeks; every wijk-week outside them is published as 0.
  weeks: WEEKS,
};

/** Every signal, its breakdowns and its record key drawn from one seeded PRNG: the same on every run. */
function groundTruth(): TrueSignal[] {
  const rng = seededRandom(SEED);
  const signals: TrueSignal[] = [];
  for (const theme of THEMES)
    for (const { code } of wijken)
      for (const week of WEEKS) {
        const n = poisson(rng, MEAN_PER_WIJK_WEEK);
        for (let i = 0; i < n; i++)
          signals.push({
            wijk: code,
            week,
            theme,
            category: rng.pick(CATEGORIES_BY_THEME[theme]),
            sourceKind: rng.pick(SOURCE_KINDS),
            ageBand: rng.pick(AGE_BANDS),
            recordKey: Math.floor(rng.next() * RECORD_KEY_SPACE),
          });
      }
  return signals;
}

/** `areas` and `weekly_counts` exactly as the live database has them (pipelines/store/live-schema.ts). */
async function writeLiveCube(conn: DuckDBConnection, signals: readonly TrueSignal[]): Promise<void> {
  await conn.run(REGISTRY_SCHEMA[0]);
  await conn.run(weeklyCountsDdl('weekly_counts'));
  await conn.run(
    `INSERT INTO areas SELECT code, code, gemeente, gemeente, 2024, 1000, NULL
     FROM (SELECT unnest(from_json($1::JSON, '[{"code":"VARCHAR","gemeente":"VARCHAR"}]'), recursive := true))`,
    [JSON.stringify(wijken)],
  );
  // The cube cells the pipeline's own aggregation makes of these signals, each with its record key.
  const keyOf = new Map(signals.map((s, i) => [`signal-${i}`, s.recordKey]));
  const accepted = signals.map((s, i) => ({
    signal: {
      id: `signal-${i}`,
      theme: s.theme,
      category: s.category,
      sourceKind: s.sourceKind,
      ageBand: s.ageBand,
      severity: 'low',
      count: 1,
    } as unknown as Signal,
    wijk: s.wijk,
    gemeente: '',
    weekMonday: s.week,
    partition: 0,
    offset: String(i),
  }));
  const cells = cubeDelta(accepted, (id) => keyOf.get(id)!);
  const rows = cells.map((c) => ({ ...c, keySum: c.keySum % RECORD_KEY_SPACE }));
  await conn.run(
    `INSERT INTO weekly_counts
     SELECT wijk, weekMonday::DATE, theme, category, sourceKind, ageBand, n, n, 0, cell, keySum
     FROM (SELECT unnest(from_json($1::JSON, '[{"wijk":"VARCHAR","weekMonday":"VARCHAR","theme":"VARCHAR","category":"VARCHAR","sourceKind":"VARCHAR","ageBand":"VARCHAR","n":"BIGINT","cell":"BIGINT","keySum":"BIGINT"}]'), recursive := true))`,
    [JSON.stringify(rows)],
  );
}

/** The published table as the pipeline builds it for every period of the cube. */
async function readPublished(conn: DuckDBConnection): Promise<PublishedRow[]> {
  await stagePublishedPeriods(conn, await periodsOfCube(conn));
  const reader = await conn.runAndReadAll(
    `SELECT theme, level, area, strftime(period_from, '%Y-%m-%d'), strftime(period_to, '%Y-%m-%d'), dimension, value, count
     FROM (${publishedCountsSelect(K)})`,
  );
  return reader.getRowsJS().map(([theme, level, area, from, to, dimension, value, count]) => ({
    theme: String(theme),
    level: level as PublishedRow['level'],
    area: String(area),
    periodFrom: String(from),
    periodTo: String(to),
    dimension: dimension as PublishedRow['dimension'],
    value: String(value),
    count: count === null ? null : Number(count),
  }));
}

let dir: string;
let rows: PublishedRow[];
let facts: PublishedFact[];
let truth: Map<string, number>;
let targets: string[];
const identities = identitiesOf(universe);
const small = (n: number): boolean => n >= 1 && n <= K - 1;
const smallTargets = (): string[] => targets.filter((t) => small(truth.get(t) ?? 0));

function report(line: string): void {
  console.log(`[disclosure-design] ${line}`);
}

function expectSound(result: LpAttackResult): void {
  for (const r of result.intervals.values()) {
    const n = truth.get(r.target) ?? 0;
    expect(r.min - 1e-6 <= n && n <= r.max + 1e-6, `${r.target}: ${n} outside [${r.min}, ${r.max}]`).toBe(true);
  }
}

/**
 * How a pinned count was pinned, in the ground truth's terms: the facts of its two proofs (nonzero duals)
 * and, for each, whether its true count sits at the top or the bottom of what the attacker may assume.
 */
function howPinned(result: LpAttackResult, options: LpAttackOptions): string[] {
  const byLabel = new Map(facts.map((f) => [`${f.label} [${f.value}]`, f]));
  const out: string[] = [];
  for (const r of result.intervals.values()) {
    const n = truth.get(r.target) ?? 0;
    if (!r.pinned || !small(n) || !r.binding) continue;
    const side = (binding: string[]): string => {
      const parts = binding.flatMap((b) => {
        const fact = byLabel.get(b.replace(/ \(dual -?[\d.]+\)$/, ''));
        if (!fact) return [];
        const [lo, hi] = factBounds(fact.value, options);
        const m = trueSum(fact, truth);
        return [{ fact, m, at: m === hi ? 'top' : m === lo ? 'bottom' : 'inside' }];
      });
      const top = parts.filter((p) => p.at === 'top').map((p) => `${p.fact.label} published ${p.fact.value}, true ${p.m}`);
      const bottom = parts.filter((p) => p.at === 'bottom');
      const withheldOnes = bottom.filter((p) => p.fact.value === 'withheld' && p.m === 1).length;
      return `${parts.length} facts; at the top of their bound: ${top.length ? top.join('; ') : 'none'}; at the bottom: ${bottom.length} (${withheldOnes} of them withheld cells whose truth is 1)`;
    };
    out.push(`${r.target} = ${n}: min by ${side(r.binding.min)} | max by ${side(r.binding.max)}`);
  }
  return out;
}

beforeAll(async () => {
  const signals = groundTruth();
  truth = truthOf(signals.map((s) => ({ ...s, weekMonday: s.week })));
  dir = await mkdtemp(join(tmpdir(), 'wijksignaal-disclosure-'));
  const instance = await DuckDBInstance.create(join(dir, 'live.duckdb'));
  const conn = await instance.connect();
  try {
    await writeLiveCube(conn, signals);
    rows = await readPublished(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  facts = factsFromPublishedRows(rows, universe);
  // What the attacker targets: every wijk-week published as not zero (a true zero is published as 0).
  const zeros = knownZeros(facts);
  targets = totalUnknownsOf(universe).filter((t) => !zeros.has(t));
  report(
    `${signals.length} signals, ${wijken.length} wijken in ${GEMEENTEN.length} gemeenten, ${WEEKS.length} weeks, ${THEMES.length} themes; ` +
      `${rows.length} published rows, ${facts.length} facts with the zeros; ${targets.length} non-zero wijk-weeks, ${smallTargets().length} of them 1…${K - 1}`,
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the published table against an attacker who has read all of it', () => {
  it('is what the facts say: every number within ±MAX_NOISE of the true count, withheld only below k + MAX_NOISE', () => {
    for (const fact of facts) {
      const n = trueSum(fact, truth);
      if (fact.value === 'withheld') expect(n >= 0 && n <= K - 1 + MAX_NOISE, fact.label).toBe(true);
      else if (fact.value === 0) expect(n, fact.label).toBe(0);
      else expect(Math.abs(fact.value - n) <= MAX_NOISE && n >= 1, `${fact.label}: ${fact.value} vs ${n}`).toBe(true);
    }
    expect(smallTargets().length).toBeGreaterThan(300);
  });

  it('publishes no count from 1 to k−1', () => {
    expect(rows.filter((r) => r.count !== null && r.count >= 1 && r.count <= K - 1)).toEqual([]);
  });

  it('control: published exactly with primary suppression, the LP attacker pins a large share of the small counts', async () => {
    const options: LpAttackOptions = { k: K, maxNoise: MAX_NOISE, exact: true };
    const result = await lpAttack({ facts: exactlyPublished(facts, truth, K), identities, targets }, options);
    expectSound(result);
    const pinned = smallTargets().filter((t) => result.intervals.get(t)!.pinned).length;
    report(
      `control (true counts, primary suppression): pinned ${pinned} of ${smallTargets().length} true counts 1…${K - 1} ` +
        `(${((100 * pinned) / smallTargets().length).toFixed(1)} %); ${result.solves} LP solves (${result.iterations} simplex iterations) ` +
        `over ${result.variables} columns × ${result.rows} rows, ${result.seconds.toFixed(1)} s`,
    );
    expect(pinned / smallTargets().length).toBeGreaterThan(0.5);
  });

  it('perturbed: the LP attacker pins no true count from 1 to k−1', async () => {
    const options: LpAttackOptions = { k: K, maxNoise: MAX_NOISE, explain: true };
    // A neighbour of the truth that satisfies every fact proves most counts unpinned at once; the linear
    // program decides the rest exactly.
    const certified = unpinnedByNeighbour(facts, universe, truth, options);
    const undecided = smallTargets().filter((t) => !certified(t));
    const result = await lpAttack({ facts, identities, targets: undecided }, options);
    expectSound(result);
    const pinnedTargets = undecided.filter((t) => result.intervals.get(t)!.pinned);
    report(
      `perturbed: ${smallTargets().length - undecided.length} of ${smallTargets().length} true counts 1…${K - 1} have a neighbouring solution; ` +
        `the LP decided the other ${undecided.length}: ${pinnedTargets.length} pinned; ` +
        `${result.solves} LP solves (${result.iterations} simplex iterations) over ${result.variables} columns × ${result.rows} rows, ${result.seconds.toFixed(1)} s`,
    );
    const how = howPinned(result, options);
    for (const line of how.slice(0, 5)) report(`pinned: ${line}`);
    expect(pinnedTargets.length, `pinned, e.g.:\n${how.slice(0, 3).join('\n')}`).toBe(0);
  });

  it('averaging every difference of linked cells guesses small counts no better than the commonest value (+10 points)', () => {
    const started = performance.now();
    const guesses = averagingAttack({ facts, identities, targets }, { k: K, fallback: 1 });
    const rates = hitRates(guesses, truth, K);
    const estimates = [...guesses.values()].reduce((s, g) => s + g.estimates.length, 0);
    const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
    report(
      `averaging: ${estimates} estimates; exact hits ${rates.hits}/${rates.targets} = ${pct(rates.hitRate)} ` +
        `(inverse-variance weighted ${pct(rates.weightedHitRate)}), baseline always ${rates.baselineValue} = ${pct(rates.baselineRate)}; ` +
        `on the ${rates.withEstimates.targets} with an estimate ${pct(rates.withEstimates.hitRate)} (weighted ${pct(rates.withEstimates.weightedHitRate)}) ` +
        `vs baseline ${pct(rates.withEstimates.baselineRate)}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(rates.targets).toBeGreaterThan(300);
    expect(rates.hitRate).toBeLessThanOrEqual(rates.baselineRate + 0.1);
    expect(rates.weightedHitRate).toBeLessThanOrEqual(rates.baselineRate + 0.1);
  });
});
