import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const LAUNCHER_USAGE = `usage: npm start -- [--areas <wijk map .geojson|.topojson> --population <kerncijfers .csv>] [--no-simulator]
environment: PORT (default 3000), DATA_DIR (default .data), KAFKA_BROKERS (use that broker instead of a local one), KAFKA_PORT (default 9092)`;

const launcherSchema = z.object({
  port: z.coerce.number().int().min(1).max(65_535),
  kafkaPort: z.coerce.number().int().min(1).max(65_535),
  dataDir: z.string().min(1),
  externalBrokers: z
    .string()
    .regex(/^[^\s:,]+:\d+(,[^\s:,]+:\d+)*$/, 'KAFKA_BROKERS must be host:port[,host:port…]')
    .optional(),
  areasFile: z.string().optional(),
  populationFile: z.string().optional(),
  simulator: z.boolean(),
});
export type LauncherConfig = z.infer<typeof launcherSchema> & { passThrough: string[] };

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
    kafkaPort: env.KAFKA_PORT ?? 9092,
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    externalBrokers: env.KAFKA_BROKERS?.trim() || undefined,
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
  return { ...parsed.data, passThrough };
}
