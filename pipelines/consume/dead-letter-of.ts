import type { IHeaders } from 'kafkajs';
import type { DlqReason } from '@wijksignaal/contracts/topics';
import type { DeadLetter } from './dead-letter-writer.ts';

export interface RejectedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/**
 * The dead letter of a rejected message: unchanged, for the partner to inspect — except a message
 * rejected because it holds personal data, which keeps no value, key or headers at all (reason, field,
 * origin and the registered partner only), so the dead-letter topic never stores a BSN, e-mail address or
 * phone number. A partner id is only named when it is registered: a made-up one could be anything.
 */
export function deadLetterOf(
  message: RejectedMessage,
  rejection: { reason: DlqReason; detail: string; partner: string | null },
  origin: { topic: string; partition: number },
  registeredPartners: ReadonlySet<string>,
): DeadLetter {
  const personal = rejection.reason === 'personal_data';
  const partner = rejection.partner !== null && registeredPartners.has(rejection.partner) ? rejection.partner : undefined;
  return {
    key: personal ? null : message.key,
    value: personal ? null : message.value,
    headers: personal ? undefined : message.headers,
    reason: rejection.reason,
    detail: rejection.detail,
    topic: origin.topic,
    partition: origin.partition,
    offset: message.offset,
    ...(personal && partner ? { partner } : {}),
  };
}
