import { validateSignal, type Validation, type ValidationContext } from './validate-signal.ts';

/**
 * The verdict on a message that arrived through `topicPartner`'s own topic (which only that partner's
 * credentials may write): a valid signal naming another partner is `partner_mismatch`, since the topic,
 * not the message, says who sent it.
 */
export function validatePartnerSignal(value: Uint8Array | null, ctx: ValidationContext, topicPartner: string | null): Validation {
  const result = validateSignal(value, ctx);
  if (!result.ok || result.signal.partner === topicPartner) return result;
  return {
    ok: false,
    reason: 'partner_mismatch',
    detail: topicPartner
      ? `$.partner: "${result.signal.partner}" arrived on the topic of ${topicPartner}; a partner delivers only its own signals`
      : '$.partner: the message did not arrive on a partner topic',
    partner: topicPartner,
  };
}
