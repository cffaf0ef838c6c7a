import type { Kafka } from 'kafkajs';
import type { PipelineConfig } from '../config.ts';
import type { Log } from '../log/logger.ts';
import type { StoredOffsets } from '../store/read-state.ts';
import type { IncomingBatch } from './batch-handler.ts';
import { startSignalConsumer, type RunningConsumer } from './signal-consumer.ts';

/** What a consumer of one of the pipeline's own low-volume topics (dead letters, user actions) needs. */
export interface SideTopicDeps {
  config: PipelineConfig;
  kafka: Kafka;
  /** That topic's offsets as committed in the live database, in a table of its own. */
  storedOffsets: StoredOffsets;
  log: Log;
  onFatal: (error: Error) => void;
  now: () => Date;
}

/**
 * One topic read by a consumer group of its own (`<group>.<name>`), with offsets owned by the live database
 * like the signals': `onBatch` commits what it stores with the next offset and returns it (or null).
 */
export function startSideTopicConsumer(
  deps: SideTopicDeps,
  name: string,
  topic: string,
  onBatch: (batch: IncomingBatch, storedNext: bigint | undefined) => Promise<bigint | null>,
): Promise<RunningConsumer> {
  return startSignalConsumer({
    kafka: deps.kafka,
    groupId: `${deps.config.groupId}.${name}`,
    topics: [topic],
    storedOffsets: deps.storedOffsets,
    sessionTimeoutMs: deps.config.sessionTimeoutMs,
    log: deps.log,
    onFatal: deps.onFatal,
    onBatch,
  });
}
