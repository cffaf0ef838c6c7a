import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTopics } from '@wijksignaal/kafka-local/topics';
import type { BenchConfig } from './bench-config.ts';
import { benchTopic, benchTopics, markerTopic } from './bench-partner.ts';
import type { BenchRegistry } from './bench-registry.ts';
import { formatNumber } from './bench-report.ts';
import { measureIngest, type IngestResult, type IngestRun } from './ingest-throughput.ts';
import { kcatConsumeAll, kcatProduceFile } from './kcat-run.ts';
import { writeSignalFile, type SignalFile } from './signal-file.ts';

/** Keeps the whole bench near ten minutes on a busy machine; a slower pipeline gets its rate over what it did. */
export const INGEST_TIMEOUT_S = 300;
/** The latency markers' week: older than any background signal, inside the 260-week retention. */
export const MARKER_WEEKS_BACK = 240;

export interface IngestStageResult {
  suffix: string;
  topicPrefix: string;
  topic: string;
  markerTopic: string;
  /** Every topic the stage made, for the clean-up on a shared broker. */
  topics: string[];
  signalFile: SignalFile;
  produceMs: number;
  kcatPerSec: number;
  pipelineDir: string;
  ingest: IngestResult;
}

/**
 * Stage [1] of the bench, shared by `main.ts` and `ingest-alone.ts`: fresh topics, the signal file,
 * kcat producing it and reading it back (the baseline), then the pipeline taking it in on the same topic.
 */
export async function ingestStage(opts: {
  config: BenchConfig;
  brokers: string;
  runDir: string;
  area: BenchRegistry;
  say: (line: string) => void;
  /** Passed on to the pipeline's run (`ingest-profile.ts` profiles it). */
  pipeline?: Pick<IngestRun, 'env' | 'onSpawn'>;
}): Promise<IngestStageResult> {
  const { config, brokers, say } = opts;
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topicPrefix = `bench.${suffix}.signals`;
  const topic = benchTopic(topicPrefix);
  const dlqTopic = `bench.${suffix}.dlq`;
  await ensureTopics({ brokers: brokers.split(',') }, benchTopics(topicPrefix, dlqTopic));

  const started = performance.now();
  const signalFile = writeSignalFile({
    registry: opts.area.registry,
    count: config.signals,
    seed: config.seed,
    file: join(opts.runDir, 'signals.tsv'),
  });
  const fileMb = statSync(signalFile.file).size / 2 ** 20;
  say(
    `\n[1] ingest: ${formatNumber(config.signals)} records (${formatNumber(signalFile.rejectedExpected)} deliberately bad) written to a file in ${((performance.now() - started) / 1000).toFixed(1)} s (${fileMb.toFixed(0)} MB)`,
  );
  const produceMs = await kcatProduceFile(brokers, topic, signalFile.file);
  say(
    `    produced with kcat -P in ${(produceMs / 1000).toFixed(1)} s (${formatNumber(config.signals / (produceMs / 1000))} records/s), topic ${topic}, 3 partitions`,
  );
  const kcatMs = await kcatConsumeAll(brokers, topic);
  say(`    kcat -C to /dev/null: ${(kcatMs / 1000).toFixed(2)} s`);
  const pipelineDir = join(opts.runDir, 'pipeline');
  const ingest = await measureIngest({
    brokers,
    topicPrefix,
    dlqTopic,
    group: `bench.${suffix}.group`,
    dataDir: pipelineDir,
    pipelineArgs: opts.area.pipelineArgs,
    total: config.signals,
    timeoutMs: INGEST_TIMEOUT_S * 1000,
    ...opts.pipeline,
  });
  return {
    suffix,
    topicPrefix,
    topic,
    markerTopic: markerTopic(topicPrefix),
    topics: benchTopics(topicPrefix, dlqTopic).map((t) => t.name),
    signalFile,
    produceMs,
    kcatPerSec: config.signals / (kcatMs / 1000),
    pipelineDir,
    ingest,
  };
}
