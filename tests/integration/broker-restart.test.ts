import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@wijksignaal/kafka-local/broker';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { generateMessages } from '@wijksignaal/simulator/generate-messages';
import { createTopics, uniqueTopicNames, produceSignals, pipelineArgs } from '../support/kafka-kit.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { consumedInMeta, latestSnapshotMeta, queryFile } from '../support/read-snapshot.ts';
import { startTestBroker } from '../support/test-broker.ts';
import { waitFor } from '../support/wait-for.ts';
import { withinDeadline } from '../support/within-deadline.ts';

// Every step ends within its own deadline and all of them within this, well inside the runner's 180 s, so a
// hang fails with the step's name, the pipeline's last log events and the broker's log instead of a bare
// "Test timed out".
const TEST_BUDGET_MS = 170_000;

const dirs: string[] = [];
let broker: RunningBroker | undefined;
let pipeline: ChildService | undefined;
afterAll(async () => {
  await pipeline?.stop();
  await broker?.stop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('broker restart while the pipeline consumes (its own broker)', () => {
  it('recovers on its own and loses nothing', async () => {
    const budgetEnds = Date.now() + TEST_BUDGET_MS;
    const tmp = (name: string) => {
      const d = mkdtempSync(join(tmpdir(), `wijksignaal-${name}-`));
      dirs.push(d);
      return d;
    };
    const brokerDir = tmp('restart-broker');
    const dataDir = tmp('restart-data');
    const explain = () =>
      [pipeline?.describeTail() ?? 'pipeline not started', brokerLogTail(join(brokerDir, 'broker.log'))].join('\n');
    const step = <T>(what: string, capMs: number, run: () => Promise<T>) =>
      withinDeadline(what, Math.max(1, Math.min(capMs, budgetEnds - Date.now())), run, explain);
    const classpath = await ensureKafkaJars();
    // A first start makes the CA, the certificates and the broker's users (several JVMs): 27-38 s at load 6-7 on
    // the 2-core box, over 60 s at load 10.
    broker = await step('starting the broker', 90_000, () => startTestBroker({ dataDir: brokerDir, classpath }));
    const brokers = broker.plaintextBrokers!;
    const names = uniqueTopicNames('restart');
    await step('creating the topics', 30_000, () => createTopics(brokers, names, 3));

    const generated = generateMessages({
      registry: generateDemoRegion(),
      count: 40_000,
      seed: 3,
      badShare: 0,
      endWeek: '2026-W40',
    });
    const firstHalf = generated.messages.slice(0, 20_000);
    const secondHalf = generated.messages.slice(20_000);
    const produce = (messages: typeof firstHalf) =>
      produceSignals(
        brokers,
        names,
        messages.map((m) => ({ partner: m.partner, key: m.key, value: m.value })),
        5_000,
      );
    await step('producing the first half', 40_000, () => produce(firstHalf));

    pipeline = spawnService('pipelines/main.ts', pipelineArgs(names), {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '3000',
      SNAPSHOT_INTERVAL_MS: '200',
    });
    const started = pipeline;
    await step('the first committed batch', 60_000, () =>
      started.waitForEvent((e) => e.event === 'batch.committed', 'the first committed batch', 60_000),
    );

    // Down and up again on the same port and data, while the pipeline is running.
    const port = broker.port;
    const plaintextPort = Number(brokers[0]!.split(':')[1]);
    const first = broker;
    await step('stopping the broker', 45_000, () => first.stop());
    broker = await step('starting the broker again', 60_000, () =>
      startBroker({ port, plaintextPort, dataDir: brokerDir, classpath, readyTimeoutMs: 55_000 }),
    );
    await step('producing the second half after the restart', 40_000, () => produce(secondHalf));

    const snapshots = join(dataDir, 'snapshots');
    const total = generated.messages.length;
    // A pipeline that gave up and exited cannot catch up: stop waiting at once and say so.
    const gaveUp = new AbortController();
    void started.exited.then((code) => gaveUp.abort(new Error(`the pipeline exited (${code}) instead of recovering`)));
    await step(`a snapshot with all ${total} messages after the restart`, 60_000, () =>
      waitFor(
        async () => {
          const consumed = consumedInMeta(await latestSnapshotMeta(snapshots));
          if (consumed === total) return true;
          // Thrown rather than returned so the timeout message says how far the pipeline got.
          throw new Error(`the latest snapshot has ${consumed}`);
        },
        {
          timeoutMs: 60_000,
          intervalMs: 250,
          what: `all ${total} messages consumed after the broker restart`,
          signal: gaveUp.signal,
        },
      ),
    );
    expect(pipeline.child.exitCode).toBeNull(); // it recovered by itself, nobody restarted it
    expect(await pipeline.stop()).toBe(0);
    // Its last log line says how far it got: the snapshot it published last, not the 0 it started with.
    const stopped = pipeline.events.find((e) => e.event === 'pipeline.stopped');
    expect(Number(stopped?.snapshotSequence)).toBeGreaterThan(0);

    const [row] = await queryFile(
      join(dataDir, 'live.duckdb'),
      'SELECT sum(signals)::INTEGER AS signals, sum(n)::INTEGER AS n FROM weekly_counts',
    );
    expect(row!.signals).toBe(generated.valid.length);
    expect(row!.n).toBe(generated.valid.reduce((s, v) => s + (v.count ?? 1), 0));
  });
});

function brokerLogTail(logFile: string, lines = 15): string {
  if (!existsSync(logFile)) return `broker log ${logFile}: none`;
  const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines);
  return [`broker log ${logFile}, last ${tail.length} lines:`, ...tail.map((l) => `  ${l.slice(0, 300)}`)].join('\n');
}
