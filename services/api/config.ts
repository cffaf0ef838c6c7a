import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_K, DEFAULT_MIN_DENOMINATOR, MIN_K } from './disclosure/index.ts';

/** A configuration mistake the user can fix; main prints the message as one line and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ApiConfig {
  port: number;
  host: string;
  dataDir: string;
  snapshotDir: string;
  /** Undefined: the repository's dashboard/build. */
  dashboardDir: string | undefined;
  /** Smallest count published (DISCLOSURE_K, default 5, never below 3). */
  disclosureK: number;
  /** Smallest number of residents a rate is published over (MIN_DENOMINATOR, default 100). */
  minDenominator: number;
  help: boolean;
}

const portNumber = z.coerce
  .number({ error: 'must be a port number from 0 to 65535' })
  .int({ error: 'must be a port number from 0 to 65535' })
  .min(0, { error: 'must be a port number from 0 to 65535' })
  .max(65_535, { error: 'must be a port number from 0 to 65535' });

const envSchema = z.object({
  PORT: portNumber.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DISCLOSURE_K: z.coerce
    .number({ error: `must be a whole number of at least ${MIN_K} (counts below it are hidden)` })
    .int({ error: `must be a whole number of at least ${MIN_K} (counts below it are hidden)` })
    .min(MIN_K, { error: `must be a whole number of at least ${MIN_K} (counts below it are hidden)` })
    .default(DEFAULT_K),
  MIN_DENOMINATOR: z.coerce
    .number({ error: 'must be a number of residents of at least 1' })
    .min(1, { error: 'must be a number of residents of at least 1' })
    .default(DEFAULT_MIN_DENOMINATOR),
});

const flagSchema = z.object({
  port: portNumber.optional(),
  host: z.string().min(1).optional(),
  'data-dir': z.string().min(1).optional(),
  dashboard: z.string().min(1).optional(),
});

export const USAGE = `usage: npm run api -- [--port N] [--host H] [--data-dir DIR] [--dashboard DIR]
  PORT (default 3000), HOST (default 127.0.0.1) and DATA_DIR (default .data) may also come from the environment;
  DISCLOSURE_K (default 5, at least 3) hides counts below it; MIN_DENOMINATOR (default 100) residents for a rate;
  snapshots are read from $DATA_DIR/snapshots; --dashboard is the built dashboard (default dashboard/build).`;

/**
 * Flags win over the environment. `--areas`, `--population` and `--no-simulator` are accepted and ignored so
 * every part of the stack takes the same flags as `npm start`; they only matter to the pipeline and simulator.
 */
export function parseApiConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ApiConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        dashboard: { type: 'string' },
        areas: { type: 'string' },
        population: { type: 'string' },
        'no-simulator': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (try --help)`);
  }
  const fromEnv = envSchema.safeParse(env);
  if (!fromEnv.success) throw new ConfigError(describe('environment variable', fromEnv.error));
  const flags = flagSchema.safeParse(values);
  if (!flags.success) throw new ConfigError(describe('flag --', flags.error));

  const dataDir = resolve(cwd, flags.data['data-dir'] ?? fromEnv.data.DATA_DIR);
  const dashboard = flags.data.dashboard;
  return {
    port: flags.data.port ?? fromEnv.data.PORT,
    host: flags.data.host ?? fromEnv.data.HOST,
    dataDir,
    snapshotDir: join(dataDir, 'snapshots'),
    dashboardDir: dashboard === undefined ? undefined : isAbsolute(dashboard) ? dashboard : resolve(cwd, dashboard),
    disclosureK: fromEnv.data.DISCLOSURE_K,
    minDenominator: fromEnv.data.MIN_DENOMINATOR,
    help: values.help === true,
  };
}

function describe(kind: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? '?');
  const label = kind.endsWith('--') ? `${kind}${name}` : `${kind} ${name}`;
  return `${label} ${issue?.message ?? 'is invalid'} (try --help)`;
}
