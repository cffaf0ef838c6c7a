import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { ensureTopics } from '@wijksignaal/kafka-local/topics';
import { Kafka, logLevel } from 'kafkajs';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { BENCH_USAGE, parseBenchConfig, type BenchConfig } from './bench-config.ts';
import { benchBroker, type BenchBroker } from './bench-broker.ts';
import { benchRegistry } from './bench-registry.ts';
import { formatFigure, formatNumber, writeLatestJson, type Figure } from './bench-report.ts';
import { measureDetection } from './detection.ts';
import { measureIngest } from './ingest-throughput.ts';
import { percentile } from './percentile.ts';
import { kcatConsumeAll, kcatProduceFile } from './kcat-run.ts';
import { machineFacts } from './machine-facts.ts';
import { writeSignalFile } from './signal-file.ts';
import { measureSnapshotPublish } from './snapshot-publish.ts';
import { measureVisibleLatency } from './visible-latency.ts';

const SNAPSHOT_WEEKS = 157; // three years of weekly history
const MARKER_WEEKS_BACK = 240; // older than any background signal, inside the 260-week retention

/** `npm run bench`: the write-path figures of issues 2 and 3, printed with their targets and written to latest.json. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(BENCH_USAGE);
    return;
  }
  let config: BenchConfig;
  try {
    config = parseBenchConfig(process.env);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${BENCH_USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  const facts = machineFacts();
  const say = (line: string) => console.log(line);
  say(`Wijksignaal bench — ${new Date().toISOString()}`);
  say(`machine: ${facts.cores} cores (${facts.cpuModel}), load average ${facts.loadAverage.join(' / ')} (1/5/15 min), ${facts.memoryGb} GB RAM (${facts.freeMemoryGb} free), node ${facts.node}`);
  if (facts.loadAverage[0] > facts.cores) say(`note: the machine is busy (load ${facts.loadAverage[0]} on ${facts.cores} cores); every figure below shares the CPU with that load`);

  const runDir = join(config.benchDir, `run-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  const children: ChildService[] = [];
  let broker: BenchBroker | null = null;
  const cleanUp = async () => {
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await broker?.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    say(config.externalBrokers ? `Kafka: using ${config.externalBrokers}` : 'Kafka: starting a local broker for the bench…');
    broker = await benchBroker(config.benchDir, config.externalBrokers, () => undefined);
    const brokers = broker.brokers;
    const area = await benchRegistry();
    say(`areas: ${area.description}`);

    const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const topic = `bench.${suffix}.signals`;
    const dlqTopic = `bench.${suffix}.dlq`;
    await ensureTopics(brokers.split(','), [
      { name: topic, partitions: 3 },
      { name: dlqTopic, partitions: 1 },
    ]);

    // 1. Ingest throughput next to kcat on the same topic.
    let t = performance.now();
    const signalFile = writeSignalFile({ registry: area.registry, count: config.signals, seed: config.seed, file: join(runDir, 'signals.tsv') });
    const fileMb = statSync(signalFile.file).size / 2 ** 20;
    say(`\n[1] ingest: ${formatNumber(config.signals)} records (${formatNumber(signalFile.rejectedExpected)} deliberately bad) written to a file in ${seconds(t)} s (${fileMb.toFixed(0)} MB)`);
    const produceMs = await kcatProduceFile(brokers, topic, signalFile.file);
    say(`    produced with kcat -P in ${(produceMs / 1000).toFixed(1)} s (${formatNumber(config.signals / (produceMs / 1000))} records/s), topic ${topic}, 3 partitions`);
    const kcatMs = await kcatConsumeAll(brokers, topic);
    const kcatPerSec = config.signals / (kcatMs / 1000);
    say(`    kcat -C to /dev/null: ${(kcatMs / 1000).toFixed(2)} s`);
    const pipelineDir = join(runDir, 'pipeline');
    const ingest = await measureIngest({
      brokers,
      topic,
      dlqTopic,
      group: `bench.${suffix}.group`,
      dataDir: pipelineDir,
      pipelineArgs: area.pipelineArgs,
      total: config.signals,
      timeoutMs: 300_000,
    });
    children.push(ingest.pipeline);
    say(
      `    pipeline: ${ingest.seconds.toFixed(1)} s from partition assignment to the last commit, ${formatNumber(ingest.batches)} batches, ` +
        `${formatNumber(ingest.accepted)} accepted, ${formatNumber(ingest.rejected)} rejected, ${formatNumber(ingest.duplicates)} duplicates; ` +
        `${formatNumber(ingest.signalsPerSecFromFirstCommit)} signals/s counted from the first commit instead`,
    );

    // 2. Produce-to-visible latency at a steady rate, on the same pipeline (now holding the million) and topic.
    const apiPort = await freePort();
    const api = spawnService('services/api/main.ts', ['--port', String(apiPort)], { DATA_DIR: pipelineDir });
    children.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(async () => (await fetch(`${apiUrl}/api/v1/ready`).catch(() => null))?.status === 200, {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: `the API on ${apiUrl} to serve a snapshot`,
    });
    const markerWijk = area.registry.areas.find((a) => (a.residents ?? 0) > 0)?.code ?? area.registry.areas[0]!.code;
    const markerWeek = addIsoWeeks(signalFile.toWeek, -MARKER_WEEKS_BACK);
    say(`\n[2] visible latency: ${config.ratePerSecond} signals/s for ${config.latencySeconds} s, a marker every 200 ms into ${markerWijk} ${markerWeek}, API polled every 20 ms`);
    const eventsBefore = ingest.pipeline.events.length;
    const latency = await measureVisibleLatency({
      brokers,
      topic,
      apiUrl,
      templates: signalFile.templates,
      markerWijk,
      markerWeek,
      ratePerSecond: config.ratePerSecond,
      durationSeconds: config.latencySeconds,
      markerEveryMs: 200,
      pollEveryMs: 20,
    });
    say(
      `    ${latency.markersSeen}/${latency.markersSent} markers seen, max ${formatNumber(latency.maxMs)} ms; ` +
        `${formatNumber(latency.achievedRatePerSecond)} signals/s achieved; ${formatNumber(latency.polls)} polls`,
    );
    const during = ingest.pipeline.events.slice(eventsBefore);
    const publishes = during.filter((e) => e.event === 'snapshot.published').map((e) => Number(e.ms));
    say(
      `    meanwhile the pipeline committed ${during.filter((e) => e.event === 'batch.committed').length} batches and published ` +
        `${publishes.length} snapshots (write time p50 ${formatNumber(percentile(publishes, 50))} ms, max ${formatNumber(Math.max(...publishes, 0))} ms)`,
    );
    for (const child of children.splice(0).reverse()) await child.stop();

    // 3. Snapshot publish time for three years of the national cube.
    t = performance.now();
    const snapshot = await measureSnapshotPublish({
      dir: join(runDir, 'snapshot'),
      registry: area.registry,
      templates: signalFile.templates,
      toWeek: signalFile.toWeek,
      weeks: SNAPSHOT_WEEKS,
      repeats: 2,
    });
    say(
      `\n[3] snapshot: ${SNAPSHOT_WEEKS} weeks × ${area.registry.areas.length} wijken built in DuckDB in ${snapshot.buildSeconds.toFixed(1)} s: ` +
        `${formatNumber(snapshot.cubeRows)} cube rows from ${formatNumber(snapshot.signalsInCube)} signals; snapshot file ${snapshot.snapshotMb.toFixed(1)} MB; ` +
        `writes ${snapshot.allMs.map((ms) => formatNumber(ms)).join(', ')} ms (mean reported)`,
    );

    // 4. Detection.
    say('\n[4] detection: full chain for every wijk × 3 themes × 4 years, and one 1% incremental batch');
    const detection = await measureDetection(config.seed);
    if (detection.measured) say(`    ${formatNumber(detection.figures.series)} series`);
    else say(`    not measured (${detection.reason})`);

    const figures: Figure[] = [
      { key: 'ingestSignalsPerSec', label: 'pipeline ingest', value: ingest.signalsPerSec, unit: 'signals/s', target: { op: '>=', value: 50_000 } },
      { key: 'kcatSignalsPerSec', label: 'kcat -C baseline (same topic)', value: kcatPerSec, unit: 'signals/s' },
      { key: 'ingestToKcatRatio', label: 'pipeline / kcat', value: ingest.signalsPerSec / kcatPerSec, unit: '', digits: 2, target: { op: '>=', value: 0.3 } },
      { key: 'pipelinePeakRssMb', label: 'pipeline peak RSS (VmHWM)', value: ingest.peakRssMb, unit: 'MB', note: ingest.peakRssMb === null ? '/proc unavailable' : undefined, target: { op: '<=', value: 500 } },
      { key: 'visibleLatencyP50Ms', label: 'produce → visible in API, p50', value: latency.p50Ms, unit: 'ms' },
      { key: 'visibleLatencyP99Ms', label: 'produce → visible in API, p99', value: latency.p99Ms, unit: 'ms', target: { op: '<=', value: 3000 } },
      { key: 'snapshotPublishMs', label: 'snapshot publish, 3 years national', value: snapshot.publishMs, unit: 'ms', note: area.national ? undefined : 'demo region' },
      {
        key: 'detectFullSeconds',
        label: 'detection, full run',
        value: detection.measured ? detection.figures.detectFullSeconds : null,
        unit: 's',
        digits: 2,
        note: detection.measured ? undefined : detection.reason,
        target: { op: '<=', value: 10 },
      },
      {
        key: 'detectIncrementalMs',
        label: 'detection, 1% incremental batch',
        value: detection.measured ? detection.figures.detectIncrementalMs : null,
        unit: 'ms',
        note: detection.measured ? undefined : detection.reason,
        target: { op: '<=', value: 200 },
      },
    ];
    say(`\nFigures (${area.national ? 'national CBS map' : 'DEMO REGION, not national'}; load average at start ${facts.loadAverage[0]} on ${facts.cores} cores)`);
    for (const figure of figures) say(formatFigure(figure));
    const file = writeLatestJson(config.benchDir, figures, {
      measuredAt: new Date().toISOString(),
      machine: facts,
      areas: area.description,
      national: area.national,
      signals: config.signals,
      produceSignalsPerSec: config.signals / (produceMs / 1000),
      ingestSeconds: ingest.seconds,
      ingestSignalsPerSecFromFirstCommit: ingest.signalsPerSecFromFirstCommit,
      latency,
      snapshot,
      detection: detection.measured ? { series: detection.figures.series } : { reason: detection.reason },
    });
    say(`\nwritten to ${file} (whole bench ${seconds(started)} s)`);
    if (!config.externalBrokers) return;
    await deleteTopics(brokers, [topic, dlqTopic]);
  } finally {
    await cleanUp();
  }
}

/** On a shared broker the bench removes the topics it made; its own broker is removed whole. */
async function deleteTopics(brokers: string, topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'wijksignaal-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
});
