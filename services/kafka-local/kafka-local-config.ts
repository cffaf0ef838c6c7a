import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const Schema = z.object({
  port: z.coerce.number().int().min(1).max(65535),
  dataDir: z.string().min(1),
  partitions: z.coerce.number().int().min(1).max(1000),
  heapMb: z.coerce.number().int().min(128).max(16384),
  externalBrokers: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1))
    .optional(),
});

export interface KafkaLocalConfig {
  port: number;
  /** Broker data lives in <DATA_DIR>/kafka. */
  brokerDir: string;
  partitions: number;
  heapMb: number;
  /** Set from KAFKA_BROKERS: use that broker instead of starting one. */
  externalBrokers: string[] | undefined;
}

export class ConfigError extends Error {}

/** Flags win over environment; every problem becomes one line the user can act on. */
export function parseKafkaLocalConfig(argv: string[], env: NodeJS.ProcessEnv): KafkaLocalConfig {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      options: {
        partitions: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'heap-mb': { type: 'string' },
      },
    }).values;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError(`${why}. Usage: npm run kafka -- [--partitions N] [--port P] [--data-dir DIR] [--heap-mb MB]`);
  }
  const parsed = Schema.safeParse({
    port: flags.port ?? env.KAFKA_PORT ?? 9092,
    dataDir: flags['data-dir'] ?? env.DATA_DIR ?? '.data',
    partitions: flags.partitions ?? 3,
    heapMb: flags['heap-mb'] ?? env.KAFKA_HEAP_MB ?? 512,
    externalBrokers: env.KAFKA_BROKERS?.trim() ? env.KAFKA_BROKERS : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const names: Record<string, string> = {
      port: '--port / KAFKA_PORT',
      dataDir: '--data-dir / DATA_DIR',
      partitions: '--partitions',
      heapMb: '--heap-mb / KAFKA_HEAP_MB',
      externalBrokers: 'KAFKA_BROKERS (comma-separated host:port)',
    };
    const field = String(issue?.path[0] ?? '');
    throw new ConfigError(`Invalid ${names[field] ?? field}: ${issue?.message ?? 'bad value'}`);
  }
  const config = parsed.data;
  return {
    port: config.port,
    brokerDir: join(resolve(config.dataDir), 'kafka'),
    partitions: config.partitions,
    heapMb: config.heapMb,
    externalBrokers: config.externalBrokers,
  };
}
