import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { generateDemoRegion } from '@wijksignaal/areas/demo-region';
import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { createTopics, partnerTopicOf, pipelineArgs, produceSignals, uniqueTopicNames } from '../support/kafka-kit.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { consumedInMeta, latestSnapshotMeta, queryFile } from '../support/read-snapshot.ts';
import { waitFor } from '../support/wait-for.ts';

const brokers = inject('kafkaBrokers').split(',');
const PARTNER = 'demo-partner';
const names = uniqueTopicNames('offsets-backwards');
const topic = partnerTopicOf(names, PARTNER);
const dataDir = mkdtempSync(join(tmpdir(), 'wijksignaal-offsets-'));
const services: ChildService[] = [];
afterAll(async () => {
  for (const service of services) await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const area = generateDemoRegion().areas[0]!.code;
const signals = (n: number) =>
  Array.from({ length: n }, () => ({
    key: area,
    value: {
      id: randomUUID(),
      partner: PARTNER,
      sourceKind: 'home_care',
      theme: 'loneliness',
      category: 'isolation',
      area,
      areaYear: 2024,
      week: isoWeekFromDate(new Date()),
      ageBand: '75+',
      severity: 'medium',
    },
  }));

async function signalsInCube(): Promise<number> {
  const [row] = await queryFile(
    join(dataDir, 'live.duckdb'),
    'SELECT coalesce(sum(signals), 0)::INTEGER AS n FROM weekly_counts',
  );
  return Number(row!.n);
}

describe('offsets that go backwards (the topic is recreated under a running pipeline)', () => {
  it('stops that partition, turns /ready 503 with what happened, and after --rebaseline counts what the new topic holds', async () => {
    await createTopics(brokers, names, 1, [PARTNER]);
    const metricsPort = await freePort();
    const apiPort = await freePort();
    const env = {
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers.join(','),
      SNAPSHOT_INTERVAL_MS: '200',
      KAFKA_SESSION_TIMEOUT_MS: '3000',
    };
    const args = [...pipelineArgs(names), '--partners', PARTNER];
    const pipeline = spawnService('pipelines/main.ts', args, { ...env, METRICS_PORT: String(metricsPort) });
    services.push(pipeline);
    services.push(spawnService('services/api/main.ts', ['--port', String(apiPort)], { DATA_DIR: dataDir }));
    const ready = () => fetch(`http://127.0.0.1:${apiPort}/api/v1/ready`).catch(() => null);
    const snapshots = join(dataDir, 'snapshots');

    await produceSignals(brokers, names, signals(30));
    await waitFor(async () => consumedInMeta(await latestSnapshotMeta(snapshots)) === 30 && (await ready())?.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: 'the first 30 signals consumed and the API ready',
    });

    // `docker compose down && up` with the data kept, or an operator's mistake: the topic starts again at 0.
    const admin = new Kafka({ clientId: 'recreate', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [topic] });
      await waitFor(async () => !(await admin.listTopics()).includes(topic), {
        timeoutMs: 60_000,
        what: 'the topic to be deleted',
      });
    } finally {
      await admin.disconnect();
    }
    await waitFor(
      async () => {
        await createTopics(brokers, names, 1, [PARTNER]);
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the topic to be created again' },
    );
    await produceSignals(brokers, names, signals(10));

    const refusal = await waitFor(
      async () => {
        const res = await ready();
        return res?.status === 503 ? ((await res.json()) as { detail: string }).detail : false;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: '/ready to turn 503' },
    );
    expect(refusal).toMatch(new RegExp(`stopped reading ${topic.replaceAll('.', '\\.')} partition 0: .*--rebaseline`));
    expect(pipeline.events.some((e) => e.event === 'offsets.went_backwards' && e.topic === topic)).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^wijksignaal_pipeline_stopped_partitions 1$/m);
    expect(pipeline.child.exitCode).toBeNull(); // it keeps serving what it has; nothing new was counted on a guess
    expect(await pipeline.stop()).toBe(0);
    expect(await signalsInCube()).toBe(30);

    // The operator re-baselines: the new topic is read from its start; nothing is lost, nothing counted twice.
    const again = spawnService('pipelines/main.ts', [...args, '--rebaseline'], env);
    services.push(again);
    await waitFor(async () => consumedInMeta(await latestSnapshotMeta(snapshots)) === 10 && (await ready())?.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 200,
      what: 'the re-baselined pipeline to read the new topic and /ready to answer 200',
    });
    expect(again.events.some((e) => e.event === 'offsets.rebaselined' && e.topic === topic && e.next === '0')).toBe(true);
    expect(await again.stop()).toBe(0);
    expect(await signalsInCube()).toBe(40);
  });
});
