import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { newRecordKeySecret, recordKeys } from './record-key.ts';

describe('record keys', () => {
  it('are 32-bit, the same for the same id and secret, and differ with the secret', () => {
    const a = recordKeys('secret-a');
    const b = recordKeys('secret-b');
    const id = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    expect(a(id)).toBe(a(id.toUpperCase()));
    expect(a(id)).not.toBe(b(id));
    expect(a(id)).toBeGreaterThanOrEqual(0);
    expect(a(id)).toBeLessThan(RECORD_KEY_SPACE);
    expect(newRecordKeySecret()).not.toBe(newRecordKeySecret());
  });

  it('are the first 32 bits of SHA-256 over secret, colon and the lower-case id, as stored cells hold them', () => {
    const id = '1B4E28BA-2FA1-11D2-883F-0016D3CCA427';
    const digest = createHash('sha256').update('secret-a').update(':').update(id.toLowerCase()).digest();
    expect(recordKeys('secret-a')(id)).toBe(digest.readUInt32BE(0));
  });

  it('spread evenly over the key space', () => {
    const key = recordKeys('spread');
    const buckets = new Array<number>(8).fill(0);
    for (let i = 0; i < 40_000; i++) buckets[Math.floor((key(`id-${i}`) / RECORD_KEY_SPACE) * 8)]! += 1;
    for (const b of buckets) expect(b / 40_000).toBeCloseTo(1 / 8, 1);
  });
});
