import type { RunningConsumer } from './signal-consumer.ts';
import type { WriteSerialiser } from '../store/write-serialiser.ts';
import type { DeadLetterWriter } from './dead-letter-writer.ts';
import { startSideTopicConsumer, type SideTopicDeps } from './side-topic-consumer.ts';
import { userActionBatch } from './user-action-batch.ts';

/**
 * What people do with alarms (triage, subscriptions) arrives on the actions topic from the API; this stores
 * it like signals: dead letters acknowledged first, then the valid actions and the topic's next offset in
 * one transaction through the one write queue, so each action lands once across crashes and restarts.
 * `onStored` asks for a snapshot, which carries `alarm_triage` and `subscriptions` to every API process.
 */
export function startUserActionConsumer(
  deps: SideTopicDeps & { writer: WriteSerialiser; deadLetters: DeadLetterWriter; onStored: () => void },
): Promise<RunningConsumer> {
  return startSideTopicConsumer(deps, 'actions', deps.config.actionsTopic, async (batch, storedNext) => {
    const at = deps.now();
    const judged = userActionBatch(batch, storedNext, at);
    if (!judged) return null;
    if (judged.deadLetters.length > 0) {
      await deps.deadLetters.send(judged.deadLetters, at);
      deps.log(
        'actions.dead_lettered',
        { n: judged.deadLetters.length, reasons: judged.deadLetters.map((d) => d.reason) },
        'warn',
      );
    }
    await deps.writer.write(judged.write);
    if ((judged.write.actions?.length ?? 0) > 0) deps.onStored();
    return BigInt(judged.write.nextOffset);
  });
}
