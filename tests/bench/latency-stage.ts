import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { addIsoWeeks, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { ensureTopics } from '@wijksignaal/kafka-local/topics';
import { benchTopic, benchTopicArgs, benchTopics, markerTopic } from './bench-partner.ts';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import type { BenchConfig } from './bench-config.ts';
import { MARKER_WEEKS_BACK } from './ingest-stage.ts';
import { latencyHops } from './latency-hops.ts';
import type { SignalFile } from './signal-file.ts';
import { pipelineActivity, type PipelineActivity } from './pipeline-activity.ts';
import { startBenchApi } from './start-bench-api.ts';
import { measureVisibleLatency, type LatencyResult } from './visible-latency.ts';

export interface LatencyStageOptions {
  /** A running pipeline; its snapshots are in `pipelineDir/snapshots`. */
  pipeline: ChildService;
  pipelineDir: string;
  brokers: string;
  topic: string;
  /** The marker partner's topic (`bench-partner.ts`). */
  markerTopic: string;
  templates: readonly SignalInput[];
  markerWijk: string;
  markerWeek: IsoWeek;
  ratePerSecond: number;
  durationSeconds: number;
}

export interface LatencyStageResult {
  latency: LatencyResult;
  activity: PipelineActivity;
}

/** Starts the API on a running pipeline's snapshots, measures produce-to-visible latency, stops the API. */
export async function latencyStage(opts: LatencyStageOptions): Promise<LatencyStageResult> {
  const api = await startBenchApi(opts.pipelineDir);
  try {
    const eventsBefore = opts.pipeline.events.length;
    const { markerTimes, ...latency } = await measureVisibleLatency({
      ...opts,
      apiUrl: api.url,
      markerEveryMs: 200,
      pollEveryMs: 20,
      authorization: api.authorization,
    });
    const events = opts.pipeline.events.slice(eventsBefore);
    const hops = latencyHops(markerTimes, events, opts.markerTopic);
    return { latency, activity: { ...pipelineActivity(events), hops } };
  } finally {
    await api.stop();
  }
}

/** A pipeline of its own on a fresh topic and an empty data folder, for the latency on an empty cube. */
export async function startFreshPipeline(opts: {
  brokers: string;
  topicPrefix: string;
  dlqTopic: string;
  group: string;
  dataDir: string;
  args: string[];
}): Promise<ChildService> {
  const pipeline = spawnService(
    'pipelines/main.ts',
    [...benchTopicArgs(opts.topicPrefix, opts.dlqTopic, opts.group), ...opts.args],
    {
      DATA_DIR: opts.dataDir,
      KAFKA_BROKERS: opts.brokers,
      SNAPSHOT_INTERVAL_MS: '1000',
    },
  );
  await pipeline.waitForEvent(
    (e) => e.event === 'consumer.assigned',
    'the fresh pipeline to be assigned its partitions',
    120_000,
  );
  return pipeline;
}

export interface PipelineOnNewTopic {
  pipeline: ChildService;
  topic: string;
  markerTopic: string;
  /** The signals and DLQ topics it made, for the clean-up. */
  topics: string[];
  dataDir: string;
}

/** A fresh bench partner topic under `<prefix>.signals` and DLQ topic `<prefix>.dlq`, and a fresh pipeline consuming them. */
export async function startPipelineOnNewTopic(opts: {
  brokers: string;
  prefix: string;
  dataDir: string;
  args: string[];
}): Promise<PipelineOnNewTopic> {
  const topicPrefix = `${opts.prefix}.signals`;
  const topic = benchTopic(topicPrefix);
  const dlqTopic = `${opts.prefix}.dlq`;
  await ensureTopics({ brokers: opts.brokers.split(',') }, benchTopics(topicPrefix, dlqTopic));
  const pipeline = await startFreshPipeline({
    brokers: opts.brokers,
    topicPrefix,
    dlqTopic,
    group: `${opts.prefix}.group`,
    dataDir: opts.dataDir,
    args: opts.args,
  });
  const topics = benchTopics(topicPrefix, dlqTopic).map((t) => t.name);
  return { pipeline, topic, markerTopic: markerTopic(topicPrefix), topics, dataDir: opts.dataDir };
}

/** What every latency run of the bench shares: the steady stream's templates and rate, the markers' cell. */
export function steadyRunOf(
  config: Pick<BenchConfig, 'ratePerSecond' | 'latencySeconds'>,
  registry: AreaRegistry,
  signals: Pick<SignalFile, 'templates' | 'toWeek'>,
): Pick<LatencyStageOptions, 'templates' | 'markerWijk' | 'markerWeek' | 'ratePerSecond' | 'durationSeconds'> {
  const populated = registry.areas.find((a) => (a.residents ?? 0) > 0) ?? registry.areas[0]!;
  return {
    templates: signals.templates,
    markerWijk: populated.code,
    markerWeek: addIsoWeeks(signals.toWeek, -MARKER_WEEKS_BACK),
    ratePerSecond: config.ratePerSecond,
    durationSeconds: config.latencySeconds,
  };
}
