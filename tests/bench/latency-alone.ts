import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseBenchConfig } from './bench-config.ts';
import { benchBroker } from './bench-broker.ts';
import { benchRegistry } from './bench-registry.ts';
import { formatNumber } from './bench-report.ts';
import { latencyStage, startPipelineOnNewTopic, steadyRunOf } from './latency-stage.ts';
import { describeActivity } from './pipeline-activity.ts';
import { writeSignalFile } from './signal-file.ts';

/**
 * Stage [2b] of `npm run bench` alone: the produce-to-visible latency at the steady rate on a fresh pipeline
 * with an empty cube, without the kcat baseline and the backfill, for quick A/B runs of the visible path
 * (`ingest-alone.ts` measures it after a backfill). Same environment as the bench (`BENCH_LATENCY_SECONDS`,
 * `BENCH_RATE`, `BENCH_SEED`, `DATA_DIR`, `KAFKA_BROKERS`); the signal file holds only the templates.
 */
async function main(): Promise<void> {
  const config = parseBenchConfig(process.env);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  console.log(`latency alone (fresh pipeline) — ${new Date().toISOString()}, load average ${load()}`);
  const runDir = join(config.benchDir, `latency-${Date.now().toString(36)}`);
  mkdirSync(runDir, { recursive: true });
  // Undone last first: the pipeline, the broker, the run's folder.
  const cleanUp: (() => unknown)[] = [() => rmSync(runDir, { recursive: true, force: true })];
  try {
    const broker = await benchBroker(config.benchDir, config.externalBrokers, () => undefined);
    cleanUp.push(() => broker.stop());
    const area = await benchRegistry();
    const signalFile = writeSignalFile({
      registry: area.registry,
      count: 10_000,
      seed: config.seed,
      file: join(runDir, 'templates.tsv'),
    });
    const fresh = await startPipelineOnNewTopic({
      brokers: broker.brokers,
      prefix: `bench.${Date.now().toString(36)}.fresh`,
      dataDir: join(runDir, 'fresh'),
      args: area.pipelineArgs,
    });
    cleanUp.push(() => fresh.pipeline.stop());
    const { latency: l, activity } = await latencyStage({
      ...steadyRunOf(config, area.registry, signalFile),
      brokers: broker.brokers,
      pipeline: fresh.pipeline,
      pipelineDir: fresh.dataDir,
      topic: fresh.topic,
      markerTopic: fresh.markerTopic,
    });
    console.log(
      `visible on a fresh pipeline: p50 ${formatNumber(l.p50Ms)} ms, p99 ${formatNumber(l.p99Ms)} ms, max ${formatNumber(l.maxMs)} ms, ` +
        `${l.markersSeen}/${l.markersSent} markers, ${formatNumber(l.achievedRatePerSecond)}/s; ${describeActivity(activity)} (load ${load()})`,
    );
  } finally {
    for (const step of cleanUp.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => undefined);
  }
}

main().then(
  () => undefined,
  (error: unknown) => {
    console.error(`latency-alone: ${String(error instanceof Error ? error.message : error).split('\n')[0]}`);
    process.exitCode = 1;
  },
);
