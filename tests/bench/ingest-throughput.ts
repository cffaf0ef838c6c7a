import { setTimeout as delay } from 'node:timers/promises';
import { spawnService, type ChildService, type LogEvent } from '../support/pipeline-process.ts';
import { benchTopicArgs } from './bench-partner.ts';
import { peakRssMb } from './process-memory.ts';

export interface IngestRun {
  brokers: string;
  /** The bench partner's topic is `<topicPrefix>.partner.<partner>`. */
  topicPrefix: string;
  dlqTopic: string;
  group: string;
  dataDir: string;
  pipelineArgs: string[];
  /** Records on the topic: the run ends when the committed offsets add up to this. */
  total: number;
  timeoutMs: number;
  /** More environment for the pipeline (e.g. NODE_OPTIONS for a profile, `ingest-profile.ts`). */
  env?: Record<string, string>;
  /** Called with the pipeline once it is spawned, before it is assigned partitions. */
  onSpawn?: (pipeline: ChildService) => void;
}

export interface IngestResult {
  signalsPerSec: number;
  seconds: number;
  /** Same end point, timed from the first committed batch instead of from the partition assignment. */
  signalsPerSecFromFirstCommit: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  batches: number;
  peakRssMb: number | null;
  /** Records committed; below `total` when the run hit its time limit and the rate is over this part only. */
  committed: number;
  complete: boolean;
  /** Still running, caught up: the latency run continues on it. */
  pipeline: ChildService;
}

/**
 * Starts the pipeline on a topic that already holds `total` records and times it from the moment its
 * consumer is assigned the partitions (fetching starts right then) to the commit that makes the stored
 * offsets reach the end of the topic. The times are the pipeline's own log timestamps.
 */
export async function measureIngest(run: IngestRun): Promise<IngestResult> {
  const pipeline = spawnService(
    'pipelines/main.ts',
    [...benchTopicArgs(run.topicPrefix, run.dlqTopic, run.group), ...run.pipelineArgs],
    {
      DATA_DIR: run.dataDir,
      KAFKA_BROKERS: run.brokers,
      SNAPSHOT_INTERVAL_MS: '1000',
      ...run.env,
    },
  );
  run.onSpawn?.(pipeline);
  const offsets = new Map<number, number>();
  let assignedAt: number | null = null;
  let firstCommit: { at: number; records: number } | null = null;
  let accepted = 0;
  let rejected = 0;
  let duplicates = 0;
  let batches = 0;
  let seen = 0;
  const deadline = Date.now() + run.timeoutMs;
  let exitCode: number | null | undefined;
  void pipeline.exited.then((code) => (exitCode = code));

  const result = (end: number, committed: number): IngestResult => {
    const first = firstCommit ?? { at: end, records: 0 };
    const seconds = (end - (assignedAt ?? first.at)) / 1000;
    const afterFirst = (end - first.at) / 1000;
    return {
      signalsPerSec: committed / seconds,
      seconds,
      signalsPerSecFromFirstCommit: afterFirst > 0 ? (committed - first.records) / afterFirst : Number.NaN,
      accepted,
      rejected,
      duplicates,
      batches,
      peakRssMb: pipeline.child.pid === undefined ? null : peakRssMb(pipeline.child.pid),
      committed,
      complete: committed >= run.total,
      pipeline,
    };
  };

  for (;;) {
    for (; seen < pipeline.events.length; seen++) {
      const event = pipeline.events[seen] as LogEvent;
      if (event.event === 'consumer.assigned' && assignedAt === null) assignedAt = timeOf(event);
      if (event.event !== 'batch.committed') continue;
      const previous = offsets.get(Number(event.partition)) ?? 0;
      const next = Number(event.nextOffset);
      offsets.set(Number(event.partition), next);
      accepted += Number(event.accepted);
      rejected += Number(event.rejected);
      duplicates += Number(event.duplicates);
      batches++;
      firstCommit ??= { at: timeOf(event), records: next - previous };
      const consumed = [...offsets.values()].reduce((a, b) => a + b, 0);
      if (consumed >= run.total) return result(timeOf(event), consumed);
    }
    if (exitCode !== undefined)
      throw new Error(
        `the pipeline exited (${exitCode}) during the ingest run: ${pipeline.stderr.join('').trim().split('\n').at(-1) ?? ''}`,
      );
    if (Date.now() > deadline) {
      // A busy machine: report the rate over what was committed rather than nothing.
      const last = [...pipeline.events].reverse().find((e) => e.event === 'batch.committed');
      if (!last || firstCommit === null) throw new Error(`the pipeline committed nothing within ${run.timeoutMs / 1000} s`);
      return result(
        timeOf(last),
        [...offsets.values()].reduce((a, b) => a + b, 0),
      );
    }
    await delay(50);
  }
}

function timeOf(event: LogEvent): number {
  return Date.parse(String(event.at));
}
