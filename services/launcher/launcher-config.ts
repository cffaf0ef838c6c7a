import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, parseKafkaLocalConfig, type KafkaLocalConfig } from '@wijksignaal/kafka-local/kafka-local-config';

export const LAUNCHER_USAGE = `usage: npm start -- [--areas <wijk map .geojson|.topojson> --population <kerncijfers .csv>] [--no-simulator]
environment: PORT (default 3000), DATA_DIR (default .data), PARTNERS (default the demo partners),
  KAFKA_PORT (the local broker's SASL_SSL port, default 9093), KAFKA_PLAINTEXT_PORT (its loopback plaintext port, default 9092, or off),
  KAFKA_BROKERS with KAFKA_USERNAME, KAFKA_PASSWORD_FILE and KAFKA_CA_FILE (use that broker instead of a local one)`;

const launcherSchema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
  dataDir: z.string().min(1),
  areasFile: z.string().optional(),
  populationFile: z.string().optional(),
  simulator: z.boolean(),
});
export type LauncherConfig = z.infer<typeof launcherSchema> & { passThrough: string[]; kafka: KafkaLocalConfig };

export class LauncherUsageError extends Error {}

export function parseLauncherConfig(argv: string[], env: NodeJS.ProcessEnv): LauncherConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        areas: { type: 'string' },
        population: { type: 'string' },
        'no-simulator': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new LauncherUsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  if (values.help) return 'help';
  if (Boolean(values.areas) !== Boolean(values.population)) {
    throw new LauncherUsageError('--areas and --population go together: the wijk map and the residents per wijk');
  }
  const parsed = launcherSchema.safeParse({
    port: env.PORT ?? 3000,
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    areasFile: values.areas ? resolve(values.areas) : undefined,
    populationFile: values.population ? resolve(values.population) : undefined,
    simulator: !values['no-simulator'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LauncherUsageError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const passThrough = parsed.data.areasFile
    ? ['--areas', parsed.data.areasFile, '--population', parsed.data.populationFile!]
    : [];
  let kafka: KafkaLocalConfig;
  try {
    kafka = parseKafkaLocalConfig([], env);
  } catch (error) {
    if (error instanceof ConfigError) throw new LauncherUsageError(error.message);
    throw error;
  }
  return { ...parsed.data, passThrough, kafka };
}
