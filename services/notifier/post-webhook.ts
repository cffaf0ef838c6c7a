import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from '@wijksignaal/alarm-delivery/webhook-signature';
import { addressRefusal, guardedLookup, type AddressPolicy, type Lookup } from './webhook-address-guard.ts';

export interface WebhookPost {
  url: string;
  body: string;
  /** The subscription's key (webhook-key.ts). */
  key: string;
  deliveryId: string;
  kind: string;
  nowSeconds: number;
  timeoutMs: number;
  /** Where it may go besides the public internet. */
  addresses: AddressPolicy;
  /** Name resolution (tests pass a fixed one); the guard checks its answers. */
  resolve?: Lookup;
}

export interface WebhookAnswer {
  /** The HTTP status, or null when none came (refused, reset, timed out). */
  status: number | null;
  /** Why it did not count as delivered, in a few words; null on a 2xx. Never the response body. */
  error: string | null;
  /** True when the address may not be reached: no later attempt will do better, so it is not retried. */
  refused?: boolean;
}

/**
 * One signed POST. A 2xx counts as delivered; anything else, a redirect included (it is not followed: the
 * subscriber registered this URL), counts as a failed attempt. A URL whose host is (or resolves to) a private or
 * local address is not connected to unless the host is listed (`webhook-address-guard.ts`).
 */
export function postWebhook(post: WebhookPost): Promise<WebhookAnswer> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch {
    // Stored URLs were checked when queued; one that still does not parse will not parse next time either.
    return Promise.resolve({ status: null, error: 'not a URL', refused: true });
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  const refusal = isIP(literal) ? addressRefusal(url.hostname, literal, post.addresses) : null;
  if (refusal) return Promise.resolve({ status: null, error: refusal, refused: true });
  const body = Buffer.from(post.body);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      lookup: guardedLookup(post.addresses, post.resolve),
      signal: AbortSignal.timeout(post.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        'User-Agent': 'Wijksignaal-Notifier/1',
        [SIGNATURE_HEADER]: signatureHeader(post.key, post.nowSeconds, post.body),
        [DELIVERY_ID_HEADER]: post.deliveryId,
        'Wijksignaal-Event': post.kind,
      },
    });
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      response.resume(); // the body is never read: only the status counts
      const ok = status >= 200 && status < 300;
      resolve({ status, error: ok ? null : `HTTP ${status}` });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return resolve({ status: null, error: `no answer within ${post.timeoutMs} ms` });
      if (error.code === 'EADDRNOTALLOWED') return resolve({ status: null, error: error.message, refused: true });
      resolve({ status: null, error: error.code ?? error.name ?? 'request failed' });
    });
    req.end(body);
  });
}
