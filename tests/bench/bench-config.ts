import { resolve } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  dataDir: z.string().min(1),
  reportDir: z.string().min(1),
  externalBrokers: z
    .string()
    .regex(/^[^\s:,]+:\d+(,[^\s:,]+:\d+)*$/, 'KAFKA_BROKERS must be host:port[,host:port…]')
    .optional(),
  signals: z.coerce.number().int().min(10_000).max(10_000_000),
  latencySeconds: z.coerce.number().int().min(5).max(600),
  ratePerSecond: z.coerce.number().int().min(10).max(100_000),
  seed: z.coerce.number().int(),
  apiLoadSeconds: z.coerce.number().int().min(2).max(600),
});
/** Where `latest.json` goes unless BENCH_REPORT_DIR says otherwise: `bench/` at the top of the repository. */
const REPORT_DIR = resolve(import.meta.dirname, '../../bench');

export type BenchConfig = z.infer<typeof configSchema> & { benchDir: string };

export const BENCH_USAGE = `usage: npm run bench
environment: DATA_DIR (default .data; bench state in $DATA_DIR/bench), BENCH_REPORT_DIR (where latest.json goes, default bench/),
  KAFKA_BROKERS (use that broker instead of a local one),
  BENCH_SIGNALS (default 1000000), BENCH_LATENCY_SECONDS (default 30), BENCH_RATE (signals/s during the latency run, default 1000),
  BENCH_SEED (default 20240101), BENCH_API_SECONDS (length of each API load run, default 10)`;

/** Reads the environment once; a bad value is a one-line error naming the variable. */
export function parseBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const parsed = configSchema.safeParse({
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    reportDir: resolve(env.BENCH_REPORT_DIR ?? REPORT_DIR),
    externalBrokers: env.KAFKA_BROKERS?.trim() || undefined,
    signals: env.BENCH_SIGNALS ?? 1_000_000,
    latencySeconds: env.BENCH_LATENCY_SECONDS ?? 30,
    ratePerSecond: env.BENCH_RATE ?? 1000,
    seed: env.BENCH_SEED ?? 20240101,
    apiLoadSeconds: env.BENCH_API_SECONDS ?? 10,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const names: Record<string, string> = {
      signals: 'BENCH_SIGNALS',
      latencySeconds: 'BENCH_LATENCY_SECONDS',
      ratePerSecond: 'BENCH_RATE',
      seed: 'BENCH_SEED',
      apiLoadSeconds: 'BENCH_API_SECONDS',
      externalBrokers: 'KAFKA_BROKERS',
      dataDir: 'DATA_DIR',
      reportDir: 'BENCH_REPORT_DIR',
    };
    throw new Error(`${names[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`);
  }
  return { ...parsed.data, benchDir: resolve(parsed.data.dataDir, 'bench') };
}
