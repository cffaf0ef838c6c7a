import type { BenchApi } from './start-bench-api.ts';

export interface AnswerSize {
  /** The answer as JSON. */
  bytes: number;
  /** The same answer as sent to a client that accepts gzip (what the ≤ 40 KB target of the overview is on). */
  gzipBytes: number;
}

/**
 * Asks `path` once plain and once with `Accept-Encoding: gzip` (undici's fetch would decode it, so the
 * gzip size is read from Content-Length) and warms the API's per-snapshot cache for the load runs.
 */
export async function answerSize(api: Pick<BenchApi, 'url' | 'authorization'>, name: string, path: string): Promise<AnswerSize> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: api.authorization } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${name} ${path}: HTTP ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  const gz = await fetch(`${api.url}${path}`, { headers: { authorization: api.authorization, 'accept-encoding': 'gzip' } });
  const gzipBytes = Number(gz.headers.get('content-length') ?? Number.NaN);
  await gz.arrayBuffer();
  if (gz.headers.get('content-encoding') !== 'gzip' || !Number.isFinite(gzipBytes))
    throw new Error(`${name} ${path}: no gzip answer with a Content-Length`);
  return { bytes: body.byteLength, gzipBytes };
}
