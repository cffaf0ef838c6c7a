import type { SignalInput } from '@wijksignaal/contracts/signal';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { ChildService } from '../support/pipeline-process.ts';
import { measureLoad, type LoadResult } from './api-load.ts';
import { pipelineActivity, type PipelineActivity } from './pipeline-activity.ts';
import { waitFor } from '../support/wait-for.ts';
import { answerSize, type AnswerSize } from './answer-size.ts';
import { startBenchApi } from './start-bench-api.ts';
import { steadyBackground } from './visible-latency.ts';

export interface ApiLoadStageOptions {
  /** A DATA_DIR whose `snapshots/` holds the national three-year snapshot. */
  snapshotDataDir: string;
  /** Requests to load, by name (`overview`, `series`): paths under the API's origin. */
  requests: Record<string, string>;
  connections: readonly number[];
  durationSeconds: number;
  /** A running pipeline that ingests the steady stream meanwhile. */
  pipeline: ChildService;
  brokers: string;
  topic: string;
  templates: readonly SignalInput[];
  ratePerSecond: number;
}

export interface ApiLoadStageResult {
  /** `bytes`: one answer as JSON; `gzipBytes`: the same answer as sent to a client that accepts gzip. */
  runs: (LoadResult & { request: string; path: string; bytes: number; gzipBytes: number })[];
  ingestSent: number;
  ingestRatePerSecond: number;
  activity: PipelineActivity;
}

/**
 * autocannon stops sending when a run ends, but the API still works off what it had accepted; the next
 * run starts once the API answers its health check quickly again, so it does not pay for the last one.
 */
async function settled(url: string): Promise<void> {
  await waitFor(
    async () => {
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/health`).catch(() => null);
      await res?.arrayBuffer();
      return res?.status === 200 && performance.now() - started < SETTLED_MS;
    },
    { timeoutMs: 180_000, intervalMs: 250, what: 'the API to work off the requests of the last run' },
  );
}

/** A health check this fast means the API has no backlog. */
const SETTLED_MS = 50;

/** Room for the warm-up requests and autocannon's start and stop around each run. */
const MARGIN_SECONDS_PER_RUN = 3;

/**
 * API latency under load: the API as a child process on the national snapshot, each request at each
 * connection count in turn (autocannon), while a pipeline ingests `ratePerSecond` signals/s from Kafka
 * on the same machine, as a GGD server runs both. Each request is asked once first, so the runs measure
 * the steady state of the per-snapshot cache rather than the first answer after a new snapshot.
 */
export async function apiLoadStage(opts: ApiLoadStageOptions): Promise<ApiLoadStageResult> {
  const api = await startBenchApi(opts.snapshotDataDir);
  const kafka = new Kafka({ clientId: 'wijksignaal-bench-load', brokers: opts.brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const sizes = new Map<string, AnswerSize>();
    for (const [name, path] of Object.entries(opts.requests)) sizes.set(name, await answerSize(api, name, path));
    const runs = Object.keys(opts.requests).length * opts.connections.length;
    const started = performance.now();
    const runEnd = started + runs * (opts.durationSeconds + MARGIN_SECONDS_PER_RUN) * 1000;
    const eventsBefore = opts.pipeline.events.length;
    // No latency markers here: the whole rate is background.
    const production = steadyBackground(producer, { ...opts, markerEveryMs: Number.POSITIVE_INFINITY }, runEnd);
    const results: ApiLoadStageResult['runs'] = [];
    for (const [name, path] of Object.entries(opts.requests)) {
      for (const connections of opts.connections) {
        const load = await measureLoad({
          url: `${api.url}${path}`,
          connections,
          durationSeconds: opts.durationSeconds,
          authorization: api.authorization,
          serverPid: api.process.child.pid,
          metricsAuthorization: api.adminAuthorization,
        });
        results.push({ ...load, request: name, path, ...sizes.get(name)! });
        await settled(api.url);
      }
    }
    const { sent, lastHandedOver } = await production;
    return {
      runs: results,
      ingestSent: sent,
      ingestRatePerSecond: sent / Math.max(1e-3, (lastHandedOver - started) / 1000),
      activity: pipelineActivity(opts.pipeline.events.slice(eventsBefore)),
    };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await api.stop();
  }
}
