import type { DuckDBConnection } from '@duckdb/node-api';
import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { partnerOfTopic } from '@wijksignaal/contracts/topics';
import type { Kafka, Producer } from 'kafkajs';
import type { PipelineConfig } from '../config.ts';
import type { IdHashSet } from '../aggregate/id-filter.ts';
import type { RecordKey } from '../aggregate/record-key.ts';
import type { Log } from '../log/logger.ts';
import type { PipelineMetrics } from '../metrics/pipeline-metrics.ts';
import { findKnownIds, type StoredOffsets } from '../store/read-state.ts';
import type { WriteSerialiser } from '../store/write-serialiser.ts';
import { createValidationPool } from '../validate/validation-pool.ts';
import { handleBatch, type BatchHandlerPorts, type BatchOutcome } from './batch-handler.ts';
import { kafkaDeadLetterWriter } from './dead-letter-writer.ts';
import { startSignalConsumer, type OffsetGuard } from './signal-consumer.ts';
import { validationContextOf } from './validation-context.ts';

/** Enough for a validated batch to wait while another commits and a third is validated. */
const SIGNAL_PARTITIONS_CONCURRENTLY = 3;

export interface SignalIngestDeps {
  config: PipelineConfig;
  registry: AreaRegistry;
  kafka: Kafka;
  producer: Producer;
  topics: readonly string[];
  storedOffsets: StoredOffsets;
  guard: OffsetGuard;
  /** The live database's writer connection: only the re-sent ids are looked up there. */
  ledger: DuckDBConnection;
  idFilter: IdHashSet;
  recordKey: RecordKey;
  recordKeySecret: string;
  writer: WriteSerialiser;
  metrics: PipelineMetrics;
  /** After each committed batch: what it changed, for the counters, detection and the next snapshot. */
  onCommitted: (outcome: BatchOutcome) => void;
  log: Log;
  onFatal: (error: Error) => void;
  now: () => Date;
}

export interface SignalIngest {
  stop(): Promise<void>;
}

/**
 * The partners' topics into the live database: each partition batch is validated (in a worker when
 * VALIDATION_WORKERS > 0), its rejects go to the dead-letter topic, and its accepted signals, cube rows
 * and offsets commit in one transaction through the write queue.
 */
export async function startSignalIngest(deps: SignalIngestDeps): Promise<SignalIngest> {
  const { config, log } = deps;
  const validationContext = validationContextOf(deps.registry, config.partners, config.retentionWeeks, deps.now);
  const validationPool =
    config.validationWorkers > 0
      ? createValidationPool(validationContext(), deps.recordKeySecret, config.validationWorkers)
      : null;
  const ports: BatchHandlerPorts = {
    validationContext,
    validate: validationPool?.validate,
    partnerOfTopic: (topic) => partnerOfTopic(topic, config.topicPrefix),
    idFilter: deps.idFilter,
    recordKey: deps.recordKey,
    findKnownIds: (ids) => findKnownIds(deps.ledger, ids),
    deadLetters: kafkaDeadLetterWriter(deps.producer, config.dlqTopic),
    commit: deps.writer.commit,
    now: deps.now,
  };
  const consumer = await startSignalConsumer({
    kafka: deps.kafka,
    groupId: config.groupId,
    topics: deps.topics,
    storedOffsets: deps.storedOffsets,
    sessionTimeoutMs: config.sessionTimeoutMs,
    log,
    onFatal: deps.onFatal,
    guard: deps.guard,
    // Partitions side by side: one batch is validated (in a worker) while another commits; the write
    // queue keeps the commits one at a time and each partition's in its order.
    partitionsConcurrently: SIGNAL_PARTITIONS_CONCURRENTLY,
    onBatch: async (batch, storedNext) => {
      const started = performance.now();
      const outcome = await handleBatch(ports, batch, storedNext);
      if (!outcome) return null;
      deps.metrics.recordBatch({ outcomes: outcome.outcomes.values(), seconds: (performance.now() - started) / 1000 });
      deps.onCommitted(outcome);
      log('batch.committed', {
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: outcome.nextOffset.toString(),
        accepted: outcome.accepted,
        rejected: outcome.rejected,
        duplicates: outcome.duplicates,
        cells: outcome.cells.length,
        ...outcome.timings,
      });
      return outcome.nextOffset;
    },
  });
  return {
    async stop() {
      await consumer.disconnect().catch(() => undefined);
      await validationPool?.close();
    },
  };
}
