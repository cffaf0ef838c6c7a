import type { Consumer, Kafka } from 'kafkajs';
import type { PipelineConfig } from '../config.ts';
import type { Log } from '../log/logger.ts';
import type { StoredOffsets } from '../store/read-state.ts';
import type { WriteSerialiser } from '../store/write-serialiser.ts';
import { httpsRejectionWrite } from './https-rejections.ts';
import { startSignalConsumer } from './signal-consumer.ts';

/**
 * Rejections made at the HTTPS door arrive on the dead-letter topic; counting them here, with the DLQ
 * offsets in the same transaction, shows them in ingest-status exactly once, across restarts.
 */
export function startHttpsRejectionConsumer(deps: {
  config: PipelineConfig;
  kafka: Kafka;
  storedOffsets: StoredOffsets;
  writer: WriteSerialiser;
  onCounted: () => void;
  log: Log;
  onFatal: (error: Error) => void;
  now: () => Date;
}): Promise<Consumer> {
  return startSignalConsumer({
    kafka: deps.kafka,
    groupId: `${deps.config.groupId}.https-rejections`,
    topics: [deps.config.dlqTopic],
    storedOffsets: deps.storedOffsets,
    sessionTimeoutMs: deps.config.sessionTimeoutMs,
    log: deps.log,
    onFatal: deps.onFatal,
    onBatch: async (batch, storedNext) => {
      const counted = httpsRejectionWrite(batch, storedNext, deps.now());
      if (!counted) return null;
      await deps.writer.write(counted);
      if (counted.outcomes.size > 0) deps.onCounted();
      return BigInt(counted.nextOffset);
    },
  });
}
