import { mkdtempSync, rmSync } from 'node:fs';
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
    const tmp = (name: string) => {
      const d = mkdtempSync(join(tmpdir(), `wijksignaal-${name}-`));
      dirs.push(d);
      return d;
    };
    const brokerDir = tmp('restart-broker');
    const dataDir = tmp('restart-data');
    const classpath = await ensureKafkaJars();
    broker = await startTestBroker({ dataDir: brokerDir, classpath });
    const brokers = broker.plaintextBrokers!;
    const names = uniqueTopicNames('restart');
    await createTopics(brokers, names, 3);

    const generated = generateMessages({
      registry: generateDemoRegion(),
      count: 40_000,
      seed: 3,
      badShare: 0,
      endWeek: '2026-W40',
    });
    const firstHalf = generated.messages.slice(0, 20_000);
    const secondHalf = generated.messages.slice(20_000);
    await produceSignals(
      brokers,
      names,
      firstHalf.map((m) => ({ partner: m.partner, key: m.key, value: m.value })),
      5_000,
    );

    pipeline = spawnService('pipelines/main.ts', pipelineArgs(names), {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SESSION_TIMEOUT_MS: '3000',
      SNAPSHOT_INTERVAL_MS: '200',
    });
    await pipeline.waitForEvent((e) => e.event === 'batch.committed', 'the first committed batch', 90_000);

    // Down and up again on the same port and data, while the pipeline is running.
    const port = broker.port;
    const plaintextPort = Number(brokers[0]!.split(':')[1]);
    await broker.stop();
    broker = await startBroker({ port, plaintextPort, dataDir: brokerDir, classpath });
    await produceSignals(
      brokers,
      names,
      secondHalf.map((m) => ({ partner: m.partner, key: m.key, value: m.value })),
      5_000,
    );

    const snapshots = join(dataDir, 'snapshots');
    await waitFor(async () => consumedInMeta(await latestSnapshotMeta(snapshots)) === generated.messages.length, {
      timeoutMs: 180_000,
      intervalMs: 250,
      what: `all ${generated.messages.length} messages consumed after the broker restart`,
    });
    expect(pipeline.child.exitCode).toBeNull(); // it recovered by itself, nobody restarted it
    expect(await pipeline.stop()).toBe(0);

    const [row] = await queryFile(
      join(dataDir, 'live.duckdb'),
      'SELECT sum(signals)::INTEGER AS signals, sum(n)::INTEGER AS n FROM weekly_counts',
    );
    expect(row!.signals).toBe(generated.valid.length);
    expect(row!.n).toBe(generated.valid.reduce((s, v) => s + (v.count ?? 1), 0));
  });
});
