import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { groundTruth } from '@wijksignaal/simulator/ground-truth';
import { createRng } from '@wijksignaal/simulator/prng';
import { pipelineArgs, produceSignals, uniqueTopicNames } from '../support/kafka-kit.ts';
import { spawnService, type LogEvent } from '../support/pipeline-process.ts';
import { consumedInMeta, latestSnapshotMeta, queryFile } from '../support/read-snapshot.ts';
import { secureKafka, type SecureKafka } from '../support/secure-kafka.ts';
import { waitFor } from '../support/wait-for.ts';

// Over SASL_SSL with the production ACLs: the pipeline signs in as itself, the signals come in as the demo
// partners' principal, exactly as `npm start` runs them.
let secure: SecureKafka;
beforeAll(async () => {
  secure = await secureKafka();
});
const SIGNALS = 102_000; // ≥ 100,000 valid signals after the 1% bad ones
const KILLS = 5;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** How many messages the pipeline reports as committed, summed over partitions (latest per topic partition). */
function committed(events: LogEvent[], from: Map<string, number>): number {
  const next = new Map(from);
  for (const e of events) if (e.event === 'batch.committed') next.set(`${e.topic}:${e.partition}`, Number(e.nextOffset));
  return [...next.values()].reduce((s, v) => s + v, 0);
}

async function crashAndRecover(seed: number, duplicateShare: number) {
  const registry = generateDemoRegion();
  const generated = generateMessages({ registry, count: SIGNALS, seed, badShare: 0.01, duplicateShare, endWeek: '2026-W40' });
  const names = uniqueTopicNames(`crash-${seed}`);
  await secure.provision(names);
  await produceSignals(
    secure.as('demoPartners'),
    names,
    generated.messages.map((m) => ({ partner: m.partner, key: m.key, value: m.value })),
    5_000,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-crash-'));
  dirs.push(dataDir);
  const env = {
    DATA_DIR: dataDir,
    ...secure.env('pipeline'),
    KAFKA_SESSION_TIMEOUT_MS: '3000',
    SNAPSHOT_INTERVAL_MS: '200',
  };
  const args = pipelineArgs(names);

  // Kill points: one during start-up, the others once the pipeline has committed past a random share.
  const rng = createRng('crash-points', seed);
  const targets = Array.from({ length: KILLS - 1 }, () => Math.floor(rng.next() * 0.9 * SIGNALS)).sort((a, b) => a - b);
  let progress = new Map<string, number>();
  let kills = 0;
  for (const target of [-1, ...targets]) {
    const pipeline = spawnService('pipelines/main.ts', args, env);
    if (target < 0) await pipeline.waitForEvent((e) => e.event === 'pipeline.state_loaded', 'pipeline start-up');
    else await pipeline.waitForEvent(() => committed(pipeline.events, progress) >= target, `committed past ${target}`, 120_000);
    pipeline.child.kill('SIGKILL');
    await pipeline.exited;
    kills++;
    for (const e of pipeline.events)
      if (e.event === 'batch.committed') progress.set(`${e.topic}:${e.partition}`, Number(e.nextOffset));
    progress = new Map(progress);
  }

  const final = spawnService('pipelines/main.ts', args, env);
  await waitFor(async () => consumedInMeta(await latestSnapshotMeta(join(dataDir, 'snapshots'))) === SIGNALS, {
    timeoutMs: 180_000,
    intervalMs: 250,
    what: `the pipeline to publish a snapshot with all ${SIGNALS} messages consumed`,
  });
  expect(await final.stop()).toBe(0);

  const live = join(dataDir, 'live.duckdb');
  const cube = await queryFile(
    live,
    `SELECT wijk, strftime(week, '%Y-%m-%d') AS week, theme, category, source_kind AS "sourceKind", age_band AS "ageBand",
            n::INTEGER AS n, signals::INTEGER AS signals, high::INTEGER AS high
     FROM weekly_counts ORDER BY ALL`,
  );
  const counts = await queryFile(live, `SELECT outcome, sum(n)::INTEGER AS n FROM ingest_counts GROUP BY outcome`);
  const byOutcome = Object.fromEntries(counts.map((r) => [String(r.outcome), Number(r.n)]));
  return { generated, cube, byOutcome, kills };
}

function sortedTruth(rows: ReturnType<typeof groundTruth>) {
  return rows
    .map((r) => ({
      wijk: r.wijk,
      week: r.week,
      theme: r.theme,
      category: r.category,
      sourceKind: r.sourceKind,
      ageBand: r.ageBand,
      n: r.n,
      signals: r.signals,
      high: r.high,
    }))
    .sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
}

function sortedCube(rows: Record<string, unknown>[]) {
  return rows
    .map((r) => ({ ...r }))
    .sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
}

describe('exactly once under crashes (real broker over SASL_SSL with ACLs, pipeline as a child process, SIGKILL)', () => {
  it(`${SIGNALS} signals over 5 partner topics of 3 partitions, killed ${KILLS} times: the cube equals the ground truth`, async () => {
    const { generated, cube, byOutcome, kills } = await crashAndRecover(7, 0);
    expect(kills).toBe(KILLS);
    expect(sortedCube(cube)).toEqual(sortedTruth(groundTruth(generated.valid)));
    expect(byOutcome.accepted).toBe(generated.valid.length);
    const bad = Object.values(generated.badByKind).reduce((s, n) => s + n, 0);
    expect(
      Object.entries(byOutcome)
        .filter(([k]) => k !== 'accepted' && k !== 'duplicate')
        .reduce((s, [, n]) => s + n, 0),
    ).toBe(bad);
  });

  it('with producer-side duplicate ids, every id is counted once', async () => {
    const { generated, cube, byOutcome } = await crashAndRecover(11, 0.05);
    expect(generated.duplicates).toBeGreaterThan(1000);
    expect(sortedCube(cube)).toEqual(sortedTruth(groundTruth(generated.valid)));
    expect(byOutcome.accepted).toBe(generated.valid.length);
    expect(byOutcome.duplicate).toBe(generated.duplicates);
  });
});
