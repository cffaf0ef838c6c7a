import type { RunningConsumer } from './signal-consumer.ts';
import type { WriteSerialiser } from '../store/write-serialiser.ts';
import { httpsRejectionWrite } from './https-rejections.ts';
import { startSideTopicConsumer, type SideTopicDeps } from './side-topic-consumer.ts';

/**
 * Rejections made at the HTTPS door arrive on the dead-letter topic; counting them here, with the DLQ
 * offsets in the same transaction, shows them in ingest-status exactly once, across restarts.
 */
export function startHttpsRejectionConsumer(
  deps: SideTopicDeps & { writer: WriteSerialiser; onCounted: () => void },
): Promise<RunningConsumer> {
  return startSideTopicConsumer(deps, 'https-rejections', deps.config.dlqTopic, async (batch, storedNext) => {
    const counted = httpsRejectionWrite(batch, storedNext, deps.now());
    if (!counted) return null;
    await deps.writer.write(counted);
    if (counted.outcomes.size > 0) deps.onCounted();
    return BigInt(counted.nextOffset);
  });
}
