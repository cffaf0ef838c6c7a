import type { IHeaders } from 'kafkajs';
import type { DlqReason } from '@wijksignaal/contracts/topics';
import type { DeadLetter } from './dead-letter-writer.ts';

export interface RejectedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** Rejections whose message may hold what must not be stored: it goes without value, key or headers. */
const VALUE_FREE: ReadonlySet<DlqReason> = new Set(['personal_data', 'unknown_partner']);

/**
 * The dead letter of a rejected message: unchanged, for the partner to inspect — except a message
 * rejected because it holds personal data, or because it names a partner nobody registered (free text that
 * could be anything, a name included): those keep no value, key or headers at all (reason, field, origin
 * and partner only), so the dead-letter topic never stores a BSN, e-mail address or phone number. The
 * partner is the one whose topic the message came through, never what the message says.
 */
export function deadLetterOf(
  message: RejectedMessage,
  rejection: { reason: DlqReason; detail: string },
  origin: { topic: string; partition: number; partner: string | null },
): DeadLetter {
  const valueFree = VALUE_FREE.has(rejection.reason);
  return {
    key: valueFree ? null : message.key,
    value: valueFree ? null : message.value,
    headers: valueFree ? undefined : message.headers,
    reason: rejection.reason,
    detail: rejection.detail,
    topic: origin.topic,
    partition: origin.partition,
    offset: message.offset,
    ...(origin.partner ? { partner: origin.partner } : {}),
  };
}
