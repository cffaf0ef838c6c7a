import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CachedJson } from './cached-json.ts';

describe('CachedJson', () => {
  it('compresses once and gives every caller the same gzip of the text', async () => {
    const text = JSON.stringify({ areas: Array.from({ length: 500 }, (_, i) => ({ code: `WK0001${i}`, n: i })) });
    const body = new CachedJson(text, 'serving-00000001.duckdb');
    const [a, b] = await Promise.all([body.gzipped(), body.gzipped()]);
    expect(a).toBe(b);
    expect(gunzipSync(a).toString('utf8')).toBe(text);
    expect(a.length).toBeLessThan(text.length / 3);
  });
});
