import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../support/pipeline-process.ts';
import { processCpuSeconds } from './process-cpu-seconds.ts';

export interface LoadRun {
  url: string;
  connections: number;
  durationSeconds: number;
  authorization: string;
  /** The server's process id, so its CPU time over the run can be read (Linux /proc). */
  serverPid?: number;
  /** An admin's `Authorization`: the API's event-loop delay over the run is read from its `/metrics`. */
  metricsAuthorization?: string;
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
  /** CPU seconds the load generator (autocannon, its own process) used over the run. */
  clientCpuSeconds: number;
  /** CPU seconds the server used over the run; null without its pid or /proc. */
  serverCpuSeconds: number | null;
  /**
   * The API's event-loop delay over the run (`wijksignaal_api_event_loop_delay_seconds`), p99 and max in
   * ms: how long answers waited for its one thread; null without `metricsAuthorization`.
   */
  eventLoopDelayP99Ms: number | null;
  eventLoopDelayMaxMs: number | null;
}

interface ClientReport {
  total: number;
  sent: number;
  average: number;
  throughputAverage: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  cpuSeconds: number;
}

/**
 * Holds `connections` keep-alive connections busy with one GET for `durationSeconds` (autocannon), as
 * dashboards would: a bearer token and `Accept-Encoding: gzip`, so the API compresses like it does for a
 * browser. A request that takes longer than 10 s counts as an error. autocannon runs in a child process
 * (api-load-client.ts), so the bench's own event loop does not share its thread, and the CPU it costs is
 * reported beside the server's.
 */
export async function measureLoad(run: LoadRun): Promise<LoadResult> {
  // A scrape resets the API's delay figures, so the one after the run covers the run alone.
  if (run.metricsAuthorization) await eventLoopDelay(run.url, run.metricsAuthorization);
  const serverBefore = processCpuSeconds(run.serverPid);
  const report = await runClient(run);
  const serverAfter = processCpuSeconds(run.serverPid);
  const delay = run.metricsAuthorization ? await eventLoopDelay(run.url, run.metricsAuthorization) : null;
  const answered = report.total > 0;
  return {
    connections: run.connections,
    p50Ms: answered ? report.p50 : null,
    p99Ms: answered ? report.p99 : null,
    maxMs: answered ? report.max : null,
    requestsPerSec: report.average,
    mbPerSec: report.throughputAverage / 2 ** 20,
    requests: report.total,
    unfinished: Math.max(0, report.sent - report.total - report.errors),
    errors: report.errors + report.timeouts + report.non2xx,
    statusCodes: report.statusCodes,
    clientCpuSeconds: report.cpuSeconds,
    serverCpuSeconds: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    eventLoopDelayP99Ms: delay?.p99Ms ?? null,
    eventLoopDelayMaxMs: delay?.maxMs ?? null,
  };
}

/** The API's event-loop delay since its last scrape, from `/metrics` on the origin of `url`. */
async function eventLoopDelay(url: string, authorization: string): Promise<{ p99Ms: number; maxMs: number }> {
  const res = await fetch(new URL('/metrics', url), { headers: { authorization } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics: HTTP ${res.status} ${text.slice(0, 200)}`);
  const seconds = (quantile: string) =>
    Number(new RegExp(`^wijksignaal_api_event_loop_delay_seconds\\{quantile="${quantile}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
  return { p99Ms: seconds('0\\.99') * 1000, maxMs: seconds('1') * 1000 };
}

function runClient(run: LoadRun): Promise<ClientReport> {
  const { serverPid: _pid, metricsAuthorization: _metrics, ...clientRun } = run;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/api-load-client.ts', JSON.stringify(clientRun)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`the load client exited ${code}: ${err.trim().slice(-300)}`));
      else resolve(JSON.parse(line) as ClientReport);
    });
  });
}
