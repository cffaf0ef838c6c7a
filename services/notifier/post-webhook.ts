import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from '@wijksignaal/alarm-delivery/webhook-signature';

export interface WebhookPost {
  url: string;
  body: string;
  /** The subscription's key (webhook-key.ts). */
  key: string;
  deliveryId: string;
  kind: string;
  nowSeconds: number;
  timeoutMs: number;
}

export interface WebhookAnswer {
  /** The HTTP status, or null when none came (refused, reset, timed out). */
  status: number | null;
  /** Why it did not count as delivered, in a few words; null on a 2xx. Never the response body. */
  error: string | null;
}

/**
 * One signed POST. A 2xx counts as delivered; anything else, a redirect included (it is not followed: the
 * subscriber registered this URL), counts as a failed attempt.
 */
export async function postWebhook(post: WebhookPost): Promise<WebhookAnswer> {
  try {
    const response = await fetch(post.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Wijksignaal-Notifier/1',
        [SIGNATURE_HEADER]: signatureHeader(post.key, post.nowSeconds, post.body),
        [DELIVERY_ID_HEADER]: post.deliveryId,
        'Wijksignaal-Event': post.kind,
      },
      body: post.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error | null)?.name;
    const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
    const reason = name === 'TimeoutError' ? `no answer within ${post.timeoutMs} ms` : (cause ?? name ?? 'request failed');
    return { status: null, error: reason };
  }
}
