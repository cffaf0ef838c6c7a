import autocannon from 'autocannon';

export interface LoadRun {
  url: string;
  connections: number;
  durationSeconds: number;
  authorization: string;
}

export interface LoadResult {
  connections: number;
  /** Null when no request finished within the run (every one took longer than the run lasted). */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  requestsPerSec: number;
  /** Answers per second in MB as sent (gzip). */
  mbPerSec: number;
  requests: number;
  /** Sent but not answered when the run ended: slower than what was left of the run. */
  unfinished: number;
  /** Connection errors, timeouts and every answer that is not a 2xx. */
  errors: number;
  statusCodes: Record<string, number>;
}

/**
 * Holds `connections` keep-alive connections busy with one GET for `durationSeconds` (autocannon), as
 * dashboards would: a bearer token and `Accept-Encoding: gzip`, so the API compresses like it does for a
 * browser. A request that takes longer than 10 s counts as an error.
 */
export async function measureLoad(run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSeconds,
    timeout: 10,
    headers: { authorization: run.authorization, 'accept-encoding': 'gzip', accept: 'application/json' },
  });
  const answered = result.requests.total > 0;
  return {
    connections: run.connections,
    p50Ms: answered ? result.latency.p50 : null,
    p99Ms: answered ? result.latency.p99 : null,
    maxMs: answered ? result.latency.max : null,
    requestsPerSec: result.requests.average,
    mbPerSec: result.throughput.average / 2 ** 20,
    requests: result.requests.total,
    unfinished: Math.max(0, result.requests.sent - result.requests.total - result.errors),
    errors: result.errors + result.timeouts + result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
