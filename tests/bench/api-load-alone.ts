import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { addIsoWeeks } from '@wijksignaal/contracts/iso-week';
import { measureLoad } from './api-load.ts';
import { answerSize } from './answer-size.ts';
import { benchRegistry } from './bench-registry.ts';
import { writeSignalFile } from './signal-file.ts';
import { measureSnapshotPublish } from './snapshot-publish.ts';
import { startBenchApi } from './start-bench-api.ts';
import { swapLoop } from './api-load-swaps.ts';

/**
 * The API load of [5] on its own, for back-to-back A/B runs of the read path: the same national
 * three-year snapshot (built once into `$BENCH_API_DIR`, default `.data/bench-api`, and kept), the API as a
 * child process, the overview and a 157-week series at each connection count. Without the ingesting
 * pipeline of the full bench, so its figures are the API's own; `npm run bench` measures it beside ingest.
 *
 *   npx tsx tests/bench/api-load-alone.ts            # BENCH_API_SECONDS (10) per run, 50 and 200 connections
 *   BENCH_API_SWAP_MS=1000 npx tsx tests/bench/api-load-alone.ts   # and a new snapshot every second meanwhile
 *
 * With BENCH_API_SWAP_MS, a copy of the snapshot is published that often during each run (api-load-swaps.ts),
 * as the pipeline does while ingesting, so the runs show what the API's swaps cost its answers. Each run
 * prints the API's event-loop delay over it (p99 and max, from its /metrics).
 */
const WEEKS = 157;
const CONNECTIONS = [50, 200];

async function main(): Promise<void> {
  const dir = resolve(process.env.BENCH_API_DIR ?? '.data/bench-api');
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
  const swapMs = Number(process.env.BENCH_API_SWAP_MS ?? 0);
  const area = await benchRegistry();
  mkdirSync(dir, { recursive: true });
  const signals = writeSignalFile({ registry: area.registry, count: 40_000, seed: 20240101, file: join(dir, 'unused.tsv') });
  rmSync(join(dir, 'unused.tsv'));
  const snapshots = join(dir, 'snapshots');
  if (!existsSync(snapshots) || !readdirSync(snapshots).some((f) => f.endsWith('.duckdb'))) {
    rmSync(join(dir, 'live.duckdb'), { force: true });
    const built = await measureSnapshotPublish({
      dir,
      registry: area.registry,
      templates: signals.templates,
      toWeek: signals.toWeek,
      weeks: WEEKS,
      repeats: 1,
    });
    console.log(`snapshot built: ${built.cubeRows} cube rows, ${built.snapshotMb.toFixed(1)} MB`);
    rmSync(join(dir, 'live.duckdb'), { force: true });
  }
  const wijk = [...area.registry.areas].sort((a, b) => (b.residents ?? 0) - (a.residents ?? 0))[0]!.code;
  const requests = {
    overview: '/api/v1/overview?theme=loneliness',
    series: `/api/v1/areas/${wijk}/series?theme=loneliness&from=${addIsoWeeks(signals.toWeek, -(WEEKS - 1))}&to=${signals.toWeek}`,
  };
  console.log(
    `${area.description}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
  const api = await startBenchApi(dir);
  try {
    for (const [name, path] of Object.entries(requests)) {
      const size = await answerSize(api, name, path);
      const warm = await measureLoad({
        url: `${api.url}${path}`,
        connections: 1,
        durationSeconds: 1,
        authorization: api.authorization,
      });
      console.log(
        `${name}: ${(size.bytes / 1024).toFixed(1)} KB JSON, ${(size.gzipBytes / 1024).toFixed(1)} KB gzip; ${warm.requests} warm-up requests`,
      );
      for (const connections of CONNECTIONS) {
        const swaps = swapMs > 0 ? swapLoop(join(dir, 'snapshots'), swapMs) : null;
        const r = await measureLoad({
          url: `${api.url}${path}`,
          connections,
          durationSeconds: seconds,
          authorization: api.authorization,
          serverPid: api.process.child.pid,
          metricsAuthorization: api.adminAuthorization,
        }).finally(() => swaps?.stop());
        const published = swaps ? await swaps.stop() : 0;
        const cpu = (s: number | null) => (s === null ? '?' : `${((100 * s) / seconds).toFixed(0)}%`);
        const perAnswer =
          r.serverCpuSeconds === null || r.requests === 0 ? '?' : `${((1e6 * r.serverCpuSeconds) / r.requests).toFixed(0)} µs`;
        console.log(
          `  ${String(connections).padStart(3)} connections: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, ` +
            `${r.requestsPerSec.toFixed(0)} req/s, ${r.mbPerSec.toFixed(1)} MB/s, ${r.errors} errors, ${JSON.stringify(r.statusCodes)}; ` +
            `CPU: API ${cpu(r.serverCpuSeconds)} (${perAnswer} an answer), autocannon ${cpu(r.clientCpuSeconds)} of one core; ` +
            `API event-loop delay p99 ${r.eventLoopDelayP99Ms?.toFixed(1)} ms, max ${r.eventLoopDelayMaxMs?.toFixed(1)} ms` +
            (swaps ? `; ${published} snapshots published meanwhile` : ''),
        );
      }
    }
  } finally {
    await api.stop();
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
}

await main();
