import autocannon from 'autocannon';
import type { LoadRun } from './api-load.ts';

/**
 * The load generator of api-load.ts as a process of its own (`node --import tsx api-load-client.ts
 * '<LoadRun as JSON>'`): on a 2-core box autocannon takes a core's worth of CPU, and in the bench's own
 * process that cost was neither visible nor separable from the bench's. Prints one JSON line: autocannon's
 * figures and this process's CPU time over the run.
 */
const run = JSON.parse(process.argv[2] ?? '{}') as LoadRun;
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: run.url,
  connections: run.connections,
  duration: run.durationSeconds,
  timeout: 10,
  headers: { authorization: run.authorization, 'accept-encoding': 'gzip', accept: 'application/json' },
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({
    total: result.requests.total,
    sent: result.requests.sent,
    average: result.requests.average,
    throughputAverage: result.throughput.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  })}\n`,
);
