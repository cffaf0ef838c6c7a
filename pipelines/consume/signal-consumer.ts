import type { Kafka } from 'kafkajs';
import type { Log } from '../log/logger.ts';
import type { StoredOffsets } from '../store/read-state.ts';
import type { IncomingBatch } from './batch-handler.ts';
import type { OffsetProblem } from '@wijksignaal/contracts/offset-problem';
import { consumerSelfRestart } from './consumer-self-restart.ts';

/** What the consumer asks before and tells after looking at a batch's offsets (offset-watch.ts). */
export interface OffsetGuard {
  isStopped(topic: string, partition: number): boolean;
  report(problem: OffsetProblem): void;
}

/** The most one partition's fetch brings (Kafka sends a larger record batch whole): one batch's messages. */
export const FETCH_BYTES_PER_PARTITION = 2 * 1024 * 1024;

export interface SignalConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  /** Next offset per topic and partition as committed in the live database; updated here after each commit. */
  storedOffsets: StoredOffsets;
  sessionTimeoutMs: number;
  /** Handles one partition batch; returns the next offset once it is committed, or null if nothing was new. */
  onBatch: (batch: IncomingBatch, storedNext: bigint | undefined) => Promise<bigint | null>;
  log: Log;
  /** The consumer stopped for good (kafkajs gives up on errors it cannot retry): the process must not idle on. */
  onFatal: (error: Error) => void;
  /** Partitions whose batches may be handled at the same time (kafkajs keeps each partition's in order); 1 by default. */
  partitionsConcurrently?: number;
  /** Stops a partition whose offsets went backwards; none for a consumer without stored offsets to protect. */
  guard?: OffsetGuard;
}

export interface RunningConsumer {
  /** Leaves the group and closes the connections; no restart follows. */
  disconnect(): Promise<void>;
}

/**
 * Consumes the given topics with offsets owned by the database, not by Kafka: on every partition
 * assignment it seeks to the stored offsets, and after each committed batch it moves on. Kafka's group
 * offsets are never committed, so a crash can only replay messages, and replays are skipped by offset.
 */
export async function startSignalConsumer(opts: SignalConsumerOptions): Promise<RunningConsumer> {
  const consumer = opts.kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: opts.sessionTimeoutMs,
    heartbeatInterval: Math.min(1_000, Math.floor(opts.sessionTimeoutMs / 3)),
    rebalanceTimeout: Math.max(20_000, opts.sessionTimeoutMs * 2),
    // A fetch is decoded into one object per message and a batch into more per signal: 2 MB per
    // partition (about 7,000 national signals) keeps that garbage small, and the append-only cube makes
    // a batch's fixed cost small enough that smaller batches are not slower (8 MB each cost ~120 MB RSS).
    maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
    maxBytes: 6 * 1024 * 1024,
    maxWaitTimeInMs: 100,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });

  const restarts = consumerSelfRestart(consumer, { what: opts.topics.join(', '), log: opts.log, onFatal: opts.onFatal });
  // Partitions that have delivered from their stored offset since the last assignment: a batch below it after
  // that means the consumer was moved back (kafkajs resets to the log start when its position is gone).
  const established = new Set<string>();
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    established.clear();
    restarts.joined();
    for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
      for (const partition of partitions) {
        const next = opts.storedOffsets.get(topic)?.get(partition);
        if (next !== undefined) consumer.seek({ topic, partition, offset: next.toString() });
      }
    }
    opts.log('consumer.assigned', { partitions: payload.memberAssignment });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    opts.log('consumer.crashed', { error: payload.error?.message, restart: payload.restart }, 'error');
    if (!payload.restart) restarts.gaveUp(payload.error);
  });

  await consumer.connect();
  await consumer.subscribe({ topics: [...opts.topics], fromBeginning: true });
  await restarts.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: opts.partitionsConcurrently ?? 1,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (!isRunning() || isStale()) return;
      const stored = opts.storedOffsets.get(batch.topic);
      const storedNext = stored?.get(batch.partition);
      const where = `${batch.topic}\u0000${batch.partition}`;
      const first = batch.messages[0];
      if (opts.guard && first && storedNext !== undefined) {
        if (opts.guard.isStopped(batch.topic, batch.partition))
          return consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
        if (BigInt(first.offset) >= storedNext) established.add(where);
        else if (established.has(where)) {
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          return opts.guard.report({
            topic: batch.topic,
            partition: batch.partition,
            kind: 'went_back',
            storedNext: String(storedNext),
            low: null,
            high: null,
          });
        }
      }
      const next = await opts.onBatch({ topic: batch.topic, partition: batch.partition, messages: batch.messages }, storedNext);
      if (next !== null) stored?.set(batch.partition, next);
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  return { disconnect: () => restarts.stop() };
}
