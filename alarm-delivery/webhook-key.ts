import { createHmac } from 'node:crypto';

/** What the derivation is for, so the same secret never yields this key for another purpose. */
const KEY_LABEL = 'wijksignaal webhook key v1';

/**
 * The key a subscription's webhook deliveries are signed with: HMAC-SHA256 of the subscription id under
 * the notifier's secret (NOTIFIER_SECRET), base64url. Derived, not stored: the notifier and the API (which may
 * show a subscriber its key once) compute the same key from the same secret, and a leaked key exposes one
 * subscription only. Rotating the secret changes every key.
 */
export function webhookKey(secret: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(`${KEY_LABEL}\n${subscriptionId}`).digest('base64url');
}
