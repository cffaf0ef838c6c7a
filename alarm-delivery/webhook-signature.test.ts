import { describe, expect, it } from 'vitest';
import { webhookKey } from './webhook-key.ts';
import { signatureHeader, verifySignature } from './webhook-signature.ts';

// Expected values computed outside Node with openssl:
//   printf '1700000000.{"type":"alarm"}' | openssl dgst -sha256 -hmac 'whsec-test-key'
//   printf 'wijksignaal webhook key v1\n<id>' | openssl dgst -sha256 -hmac 'notifier-secret' -binary | base64 (url-safe, unpadded)
const BODY = '{"type":"alarm"}';
const T = 1_700_000_000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 as a known vector', () => {
    expect(signatureHeader('whsec-test-key', T, BODY)).toBe(
      't=1700000000,v1=c235badfe4f77c1f98f694bb3629cf72556993fcab7353df5b6b6f06254a7814',
    );
  });

  it('derives a per-subscription key from the secret as a known vector, another per id and per secret', () => {
    const id = '3f1c2a5e-0000-4000-8000-000000000001';
    expect(webhookKey('notifier-secret', id)).toBe('aKZJ_PuNJJ7hpXVwd5_l_M5exgrMExkux3h7WZBmsFA');
    expect(webhookKey('notifier-secret', id.replace(/1$/, '2'))).not.toBe(webhookKey('notifier-secret', id));
    expect(webhookKey('other-secret', id)).not.toBe(webhookKey('notifier-secret', id));
  });

  it('verifies the exact body and refuses a tampered body, another key, an old timestamp or a broken header', () => {
    const header = signatureHeader('k1', T, BODY);
    const at = { nowSeconds: T + 10 };
    expect(verifySignature('k1', header, BODY, at)).toBe(true);
    expect(verifySignature('k1', header, BODY.replace('alarm', 'alarn'), at)).toBe(false);
    expect(verifySignature('k1', header, `${BODY} `, at)).toBe(false);
    expect(verifySignature('k2', header, BODY, at)).toBe(false);
    expect(verifySignature('k1', header, BODY, { nowSeconds: T + 301 })).toBe(false);
    expect(verifySignature('k1', header.replace('t=1700000000', 't=1700000001'), BODY, at)).toBe(false);
    expect(verifySignature('k1', 'v1=abc', BODY, at)).toBe(false);
    expect(verifySignature('k1', undefined, BODY, at)).toBe(false);
  });

  it('accepts any matching v1 among several (a rotation)', () => {
    const header = `${signatureHeader('k1', T, BODY)},v1=${'0'.repeat(64)}`;
    expect(verifySignature('k1', header, BODY, { nowSeconds: T })).toBe(true);
  });
});
