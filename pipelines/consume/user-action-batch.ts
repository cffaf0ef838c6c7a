import { userAction, type UserAction } from '@wijksignaal/contracts/user-action';
import type { DlqReason } from '@wijksignaal/contracts/topics';
import { personalDataInText } from '@wijksignaal/domain/validate/personal-data-in-text';
import type { BatchWrite } from '../store/write-batch.ts';
import type { IncomingBatch, IncomingMessage } from './batch-handler.ts';
import type { DeadLetter } from './dead-letter-writer.ts';

/** Largest action accepted: a subscription of 500 wijken and 500 gemeenten with a webhook fits well below. */
export const MAX_ACTION_BYTES = 64 * 1024;

export interface ActionBatch {
  /** The valid actions and the partition's next offset, for one transaction. */
  write: BatchWrite;
  /** What goes to the dead-letter topic (acknowledged before the write), with a reason. */
  deadLetters: DeadLetter[];
}

/**
 * One batch of the actions topic: messages below the stored offset are skipped (committed before), each
 * other one is a valid action or a dead letter, so a poison message never stalls the partition. A dead
 * letter keeps no value: a broken action may still carry a note, which is free text. Notes are checked for
 * personal data here too, although the API refuses them first: the rule holds where the data is stored.
 */
export function userActionBatch(batch: IncomingBatch, storedNext: bigint | undefined, at: Date): ActionBatch | null {
  const messages = storedNext === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= storedNext);
  const last = messages.at(-1);
  if (!last) return null;
  const actions: UserAction[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const m of messages) {
    const judged = judgeAction(m);
    if ('action' in judged) actions.push(judged.action);
    else
      deadLetters.push({
        key: m.key,
        value: null,
        headers: undefined,
        reason: judged.reason,
        detail: judged.detail,
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
      });
  }
  return {
    write: {
      topic: batch.topic,
      partition: batch.partition,
      nextOffset: (BigInt(last.offset) + 1n).toString(),
      offsetsTable: 'action_offsets',
      fresh: [],
      cells: [],
      outcomes: new Map(),
      actions,
      at,
    },
    deadLetters,
  };
}

type Judged = { action: UserAction } | { reason: DlqReason; detail: string };

function judgeAction(m: IncomingMessage): Judged {
  if (!m.value || m.value.length === 0) return { reason: 'malformed_json', detail: 'the message has no value' };
  if (m.value.length > MAX_ACTION_BYTES) return { reason: 'too_large', detail: `larger than ${MAX_ACTION_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(m.value.toString('utf8'));
  } catch {
    return { reason: 'malformed_json', detail: 'the value is not JSON' };
  }
  const parsed = userAction.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Where and what kind, never the value.
    return { reason: 'schema_violation', detail: `${issue.path.join('.') || '(action)'}: ${issue.code}` };
  }
  const action = parsed.data;
  if (action.type === 'alarm.triage' && action.note !== null) {
    const kind = personalDataInText(action.note);
    if (kind) return { reason: 'personal_data', detail: `note: looks like ${kind}` };
  }
  return { action };
}
