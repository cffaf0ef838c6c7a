import type { Consumer, Kafka } from 'kafkajs';
import type { Log } from '../log/logger.ts';
import type { IncomingBatch } from './batch-handler.ts';

export interface SignalConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topic: string;
  /** Next offset per partition as committed in the live database; updated by the caller after each commit. */
  storedOffsets: Map<number, bigint>;
  sessionTimeoutMs: number;
  /** Handles one partition batch; returns the next offset once it is committed, or null if nothing was new. */
  onBatch: (batch: IncomingBatch, storedNext: bigint | undefined) => Promise<bigint | null>;
  log: Log;
}

/**
 * Consumes the signals topic with offsets owned by the database, not by Kafka: on every partition
 * assignment it seeks to the stored offsets, and after each committed batch it moves on. Kafka's group
 * offsets are never committed, so a crash can only replay messages, and replays are skipped by offset.
 */
export async function startSignalConsumer(opts: SignalConsumerOptions): Promise<Consumer> {
  const consumer = opts.kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: opts.sessionTimeoutMs,
    heartbeatInterval: Math.min(1_000, Math.floor(opts.sessionTimeoutMs / 3)),
    rebalanceTimeout: Math.max(20_000, opts.sessionTimeoutMs * 2),
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 32 * 1024 * 1024,
    maxWaitTimeInMs: 100,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
  });

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = payload.memberAssignment[opts.topic] ?? [];
    for (const partition of assigned) {
      const next = opts.storedOffsets.get(partition);
      if (next !== undefined) consumer.seek({ topic: opts.topic, partition, offset: next.toString() });
    }
    opts.log('consumer.assigned', { partitions: assigned });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    opts.log('consumer.crashed', { error: payload.error?.message, restart: payload.restart }, 'error');
  });

  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 1,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (!isRunning() || isStale()) return;
      const storedNext = opts.storedOffsets.get(batch.partition);
      const next = await opts.onBatch({ topic: batch.topic, partition: batch.partition, messages: batch.messages }, storedNext);
      if (next !== null) opts.storedOffsets.set(batch.partition, next);
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  return consumer;
}
