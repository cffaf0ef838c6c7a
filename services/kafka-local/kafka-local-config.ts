import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isLoopbackHost } from '@wijksignaal/contracts/loopback';
import { PARTNER_PATTERN } from '@wijksignaal/contracts/signal';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';

const port = z.coerce.number().int().min(1).max(65535);
const Schema = z.object({
  port,
  plaintextPort: z.union([z.literal('off'), port]),
  host: z.string().min(1),
  advertisedHost: z.string().min(1).optional(),
  partners: z.array(z.string().regex(PARTNER_PATTERN, 'partner ids use a-z, 0-9 and -, 3 to 64 characters')).min(1),
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
  /** The SASL_SSL listener (KAFKA_PORT, default 9093). */
  port: number;
  /** The demo's loopback plaintext listener (KAFKA_PLAINTEXT_PORT, default 9092), null when off. */
  plaintextPort: number | null;
  host: string;
  advertisedHost: string | undefined;
  /** One topic each (PARTNERS, default the demo partners). */
  partners: string[];
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
        'plaintext-port': { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'heap-mb': { type: 'string' },
      },
    }).values;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError(
      `${why}. Usage: npm run kafka -- [--partitions N] [--port P] [--plaintext-port P|off] [--host H] [--data-dir DIR] [--heap-mb MB]`,
    );
  }
  const parsed = Schema.safeParse({
    port: flags.port ?? env.KAFKA_PORT ?? 9093,
    plaintextPort:
      flags['plaintext-port'] ??
      env.KAFKA_PLAINTEXT_PORT ??
      (isLoopbackHost(flags.host ?? env.KAFKA_HOST ?? '127.0.0.1') ? 9092 : 'off'),
    host: flags.host ?? env.KAFKA_HOST ?? '127.0.0.1',
    advertisedHost: env.KAFKA_ADVERTISED_HOST?.trim() || undefined,
    partners: (env.PARTNERS ?? DEMO_PARTNERS.join(','))
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    dataDir: flags['data-dir'] ?? env.DATA_DIR ?? '.data',
    partitions: flags.partitions ?? 3,
    heapMb: flags['heap-mb'] ?? env.KAFKA_HEAP_MB ?? 512,
    externalBrokers: env.KAFKA_BROKERS?.trim() ? env.KAFKA_BROKERS : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const names: Record<string, string> = {
      port: '--port / KAFKA_PORT',
      plaintextPort: '--plaintext-port / KAFKA_PLAINTEXT_PORT (a port, or off)',
      host: '--host / KAFKA_HOST',
      partners: 'PARTNERS (comma-separated partner ids)',
      dataDir: '--data-dir / DATA_DIR',
      partitions: '--partitions',
      heapMb: '--heap-mb / KAFKA_HEAP_MB',
      externalBrokers: 'KAFKA_BROKERS (comma-separated host:port)',
    };
    const field = String(issue?.path[0] ?? '');
    throw new ConfigError(`Invalid ${names[field] ?? field}: ${issue?.message ?? 'bad value'}`);
  }
  const config = parsed.data;
  if (config.plaintextPort !== 'off' && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `The broker listens on ${config.host}, beyond this machine: plaintext is refused there; set KAFKA_PLAINTEXT_PORT=off (partners use SASL_SSL on ${config.port})`,
    );
  }
  return {
    port: config.port,
    plaintextPort: config.plaintextPort === 'off' ? null : config.plaintextPort,
    host: config.host,
    advertisedHost: config.advertisedHost,
    partners: config.partners,
    brokerDir: join(resolve(config.dataDir), 'kafka'),
    partitions: config.partitions,
    heapMb: config.heapMb,
    externalBrokers: config.externalBrokers,
  };
}
