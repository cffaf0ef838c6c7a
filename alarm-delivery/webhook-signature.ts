import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Wijksignaal-Signature';
/** The same for every attempt of one delivery: a receiver that has seen it can answer 2xx and drop it. */
export const DELIVERY_ID_HEADER = 'Wijksignaal-Delivery';
/** How far a signature's timestamp may lie from the receiver's clock before it is refused as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under the subscription's key (webhook-key.ts). */
export function signatureOf(key: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** The value of SIGNATURE_HEADER for one attempt. */
export function signatureHeader(key: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signatureOf(key, timestampSeconds, body)}`;
}

export interface VerifyOptions {
  nowSeconds: number;
  toleranceSeconds?: number;
}

/**
 * What a receiver does: parse the header, recompute the HMAC over the exact body bytes it received and
 * compare in constant time, and refuse a timestamp too far from its own clock. Any `v1=` may match (more than
 * one appears while a secret is being rotated).
 */
export function verifySignature(key: string, header: string | null | undefined, body: string, options: VerifyOptions): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isSafeInteger(timestamp)) return false;
  if (Math.abs(options.nowSeconds - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signatureOf(key, timestamp, body), 'hex');
  return parts
    .filter(([name, value]) => name === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected));
}
