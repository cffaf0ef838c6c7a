import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { freePort } from '@wijksignaal/kafka-local/free-port';
import { spawnService, type ChildService } from '../support/pipeline-process.ts';
import { waitFor } from '../support/wait-for.ts';
import { pipelineActivity, type PipelineActivity } from './pipeline-activity.ts';
import { measureVisibleLatency, type LatencyResult } from './visible-latency.ts';

export interface LatencyStageOptions {
  /** A running pipeline; its snapshots are in `pipelineDir/snapshots`. */
  pipeline: ChildService;
  pipelineDir: string;
  brokers: string;
  topic: string;
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
  const port = await freePort();
  const api = spawnService('services/api/main.ts', ['--port', String(port)], { DATA_DIR: opts.pipelineDir });
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    let exited: number | null | undefined;
    void api.exited.then((code) => (exited = code));
    let lastAnswer = 'no answer';
    await waitFor(
      async () => {
        if (exited !== undefined)
          throw new Error(`the API exited (${exited}): ${api.stderr.join('').trim().split('\n').at(-1) ?? ''}`);
        const res = await fetch(`${apiUrl}/api/v1/ready`).catch(() => null);
        if (res) lastAnswer = `${res.status} ${(await res.text()).slice(0, 200)}`;
        return res?.status === 200;
      },
      { timeoutMs: 120_000, intervalMs: 100, what: `the API on ${apiUrl} to serve a snapshot` },
    ).catch((error: unknown) => {
      throw new Error(
        `${(error as Error).message} (last answer: ${lastAnswer}; API output: ${api.stderr.join('').trim().slice(-300)})`,
      );
    });
    const eventsBefore = opts.pipeline.events.length;
    const latency = await measureVisibleLatency({ ...opts, apiUrl, markerEveryMs: 200, pollEveryMs: 20 });
    return { latency, activity: pipelineActivity(opts.pipeline.events.slice(eventsBefore)) };
  } finally {
    await api.stop();
  }
}

/** A pipeline of its own on a fresh topic and an empty data folder, for the latency on an empty cube. */
export async function startFreshPipeline(opts: {
  brokers: string;
  topic: string;
  dlqTopic: string;
  group: string;
  dataDir: string;
  args: string[];
}): Promise<ChildService> {
  const pipeline = spawnService(
    'pipelines/main.ts',
    ['--topic', opts.topic, '--dlq-topic', opts.dlqTopic, '--group', opts.group, ...opts.args],
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
