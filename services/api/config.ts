import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isLoopbackHost } from '@wijksignaal/contracts/loopback';
import { DEFAULT_MIN_DENOMINATOR } from '@wijksignaal/domain/disclosure/index';
import { INGEST_ENV, INGEST_USAGE, ingestConfig, type IngestConfig } from './ingest/ingest-config.ts';
import { READER_LIMIT_ENV, READER_LIMIT_USAGE, readerLimitConfig } from './limits/reader-limit-config.ts';
import type { ReaderLimitSettings } from './limits/reader-limit-settings.ts';
import { DEFAULT_QUERY_TIMEOUT_MS } from './db/query-timeout.ts';
import { wholeNumberSetting } from './whole-number-setting.ts';

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
  /** Smallest number of residents a rate is published over (MIN_DENOMINATOR, default 100). */
  minDenominator: number;
  /** The audit trail's folder (AUDIT_DIR, default $DATA_DIR/audit) and how many days it keeps (AUDIT_RETENTION_DAYS, default 1826). */
  audit: { dir: string; retentionDays: number };
  help: boolean;
  /** Partner ingest over HTTPS: where to produce (KAFKA_BROKERS) and its limits (ingest/ingest-config.ts). */
  ingest: IngestConfig;
  /** Per-subject rates and caps of readers (limits/reader-limit-config.ts). */
  limits: ReaderLimitSettings;
  /** How long a request's snapshot queries may run before they are interrupted (QUERY_TIMEOUT_MS, default 10 s). */
  queryTimeoutMs: number;
  /** PUBLIC_URL, the address users reach Wijksignaal at (the TLS proxy in front of it); undefined when unset. */
  publicUrl: string | undefined;
  /** Whether every response carries Strict-Transport-Security: PUBLIC_URL is https. */
  hsts: boolean;
  auth: AuthConfig;
}

/** Who may sign tokens for this API and where in a token its role is (auth/open-authentication.ts). */
export interface AuthConfig {
  /** AUTH_ISSUER, the OIDC issuer; undefined: the built-in local issuer with demo users ($DATA_DIR/auth). */
  issuer: string | undefined;
  /** AUTH_AUDIENCE, required with AUTH_ISSUER (the local issuer uses `wijksignaal`). */
  audience: string | undefined;
  /** AUTH_JWKS_URL; default: the jwks_uri of <issuer>/.well-known/openid-configuration. */
  jwksUrl: string | undefined;
  /** AUTH_ROLE_CLAIM, a claim name or dotted path (default `roles`; Keycloak: `realm_access.roles`). */
  roleClaim: string;
  /** AUTH_PARTNER_CLAIM, where a partner token carries its partner id (default `partner_id`). */
  partnerClaim: string;
  /** AUTH_TOKEN_TTL_MINUTES, lifetime of tokens the local issuer signs (default 60). */
  tokenTtlMinutes: number;
}

const portNumber = z.coerce
  .number({ error: 'must be a port number from 0 to 65535' })
  .int({ error: 'must be a port number from 0 to 65535' })
  .min(0, { error: 'must be a port number from 0 to 65535' })
  .max(65_535, { error: 'must be a port number from 0 to 65535' });

/** https, or http on this machine only (a development identity provider). */
const issuerUrl = z
  .url({ error: 'must be an https URL (http only for localhost)' })
  .refine((value) => /^https:\/\//.test(value) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(value), {
    error: 'must be an https URL (http only for localhost)',
  });
const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: portNumber.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  MIN_DENOMINATOR: z.coerce
    .number({ error: 'must be a number of residents of at least 1' })
    .min(1, { error: 'must be a number of residents of at least 1' })
    .default(DEFAULT_MIN_DENOMINATOR),
  AUTH_ISSUER: z.preprocess(blankIsUnset, issuerUrl.optional()),
  AUTH_AUDIENCE: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  AUTH_JWKS_URL: z.preprocess(blankIsUnset, issuerUrl.optional()),
  AUTH_ROLE_CLAIM: z
    .string()
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, { error: 'must be a claim name or dotted path' })
    .default('roles'),
  AUTH_PARTNER_CLAIM: z
    .string()
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, { error: 'must be a claim name or dotted path' })
    .default('partner_id'),
  AUDIT_DIR: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days of at least 1' })
    .int({ error: 'must be a whole number of days of at least 1' })
    .min(1, { error: 'must be a whole number of days of at least 1' })
    .default(1826),
  DEMO_ON_NETWORK: z.preprocess(blankIsUnset, z.enum(['1', 'true'], { error: 'must be 1 (or true) to allow it' }).optional()),
  AUTH_TOKEN_TTL_MINUTES: z.coerce
    .number({ error: 'must be a whole number of minutes from 1 to 1440' })
    .int({ error: 'must be a whole number of minutes from 1 to 1440' })
    .min(1, { error: 'must be a whole number of minutes from 1 to 1440' })
    .max(1440, { error: 'must be a whole number of minutes from 1 to 1440' })
    .default(60),
  ...INGEST_ENV,
  ...READER_LIMIT_ENV,
  QUERY_TIMEOUT_MS: wholeNumberSetting('milliseconds', 100, 600_000).default(DEFAULT_QUERY_TIMEOUT_MS),
  PUBLIC_URL: z.preprocess(
    blankIsUnset,
    z
      .url({
        protocol: /^https?$/,
        error: 'must be the http(s) address users reach Wijksignaal at, e.g. https://wijksignaal.ggd.nl',
      })
      .optional(),
  ),
});

const flagSchema = z.object({
  port: portNumber.optional(),
  host: z.string().min(1).optional(),
  'data-dir': z.string().min(1).optional(),
  dashboard: z.string().min(1).optional(),
  'topic-prefix': z.string().min(1).optional(),
  'dlq-topic': z.string().min(1).optional(),
  'actions-topic': z.string().min(1).optional(),
});

export const USAGE = `usage: npm run api -- [--port N] [--host H] [--data-dir DIR] [--dashboard DIR] [--topic-prefix P] [--dlq-topic T]
  [--actions-topic A]
  PORT (default 3000), HOST (default 127.0.0.1) and DATA_DIR (default .data) may also come from the environment;
  MIN_DENOMINATOR (default 100) residents for a rate (k comes with each snapshot: the pipeline's DISCLOSURE_K);
  snapshots are read from $DATA_DIR/snapshots; --dashboard is the built dashboard (default dashboard/build).
  Sign-in: AUTH_ISSUER (OIDC issuer URL) with AUTH_AUDIENCE, optional AUTH_JWKS_URL, AUTH_ROLE_CLAIM (default roles,
  dotted paths allowed), AUTH_PARTNER_CLAIM (default partner_id); without AUTH_ISSUER a local issuer with demo users
  signs tokens valid AUTH_TOKEN_TTL_MINUTES (default 60), on a loopback HOST only unless DEMO_ON_NETWORK=1.
  Audit trail: one line per data request and export in AUDIT_DIR (default $DATA_DIR/audit), kept AUDIT_RETENTION_DAYS (1826). Partner API keys: npm run api-key -- --partner <id>.
${INGEST_USAGE}
${READER_LIMIT_USAGE}
  QUERY_TIMEOUT_MS (default ${DEFAULT_QUERY_TIMEOUT_MS}): a request's snapshot queries are stopped after it (503).
  PUBLIC_URL: the address users reach it at, behind your TLS proxy; https:// turns on Strict-Transport-Security.`;

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
        'topic-prefix': { type: 'string' },
        'dlq-topic': { type: 'string' },
        'actions-topic': { type: 'string' },
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
  if (fromEnv.data.AUTH_ISSUER && !fromEnv.data.AUTH_AUDIENCE) {
    throw new ConfigError(
      'environment variable AUTH_AUDIENCE must name this API as the tokens of AUTH_ISSUER address it (try --help)',
    );
  }
  const host = flags.data.host ?? fromEnv.data.HOST;
  if (!fromEnv.data.AUTH_ISSUER && !isLoopbackHost(host) && !fromEnv.data.DEMO_ON_NETWORK) {
    throw new ConfigError(
      `HOST ${host} would put the demo sign-in (published demo passwords, admin tokens for anyone) on the network: set AUTH_ISSUER and AUTH_AUDIENCE for your identity provider, or DEMO_ON_NETWORK=1 for a demo on a closed network`,
    );
  }
  const dashboard = flags.data.dashboard;
  return {
    port: flags.data.port ?? fromEnv.data.PORT,
    host,
    dataDir,
    snapshotDir: join(dataDir, 'snapshots'),
    dashboardDir: dashboard === undefined ? undefined : isAbsolute(dashboard) ? dashboard : resolve(cwd, dashboard),
    minDenominator: fromEnv.data.MIN_DENOMINATOR,
    audit: {
      dir: resolve(cwd, fromEnv.data.AUDIT_DIR ?? join(dataDir, 'audit')),
      retentionDays: fromEnv.data.AUDIT_RETENTION_DAYS,
    },
    help: values.help === true,
    ingest: ingestConfig(fromEnv.data, {
      topicPrefix: flags.data['topic-prefix'],
      dlqTopic: flags.data['dlq-topic'],
      actionsTopic: flags.data['actions-topic'],
    }),
    limits: readerLimitConfig(fromEnv.data),
    queryTimeoutMs: fromEnv.data.QUERY_TIMEOUT_MS,
    publicUrl: fromEnv.data.PUBLIC_URL,
    hsts: fromEnv.data.PUBLIC_URL?.startsWith('https://') ?? false,
    auth: {
      issuer: fromEnv.data.AUTH_ISSUER,
      audience: fromEnv.data.AUTH_AUDIENCE,
      jwksUrl: fromEnv.data.AUTH_JWKS_URL,
      roleClaim: fromEnv.data.AUTH_ROLE_CLAIM,
      partnerClaim: fromEnv.data.AUTH_PARTNER_CLAIM,
      tokenTtlMinutes: fromEnv.data.AUTH_TOKEN_TTL_MINUTES,
    },
  };
}

function describe(kind: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? '?');
  const label = kind.endsWith('--') ? `${kind}${name}` : `${kind} ${name}`;
  return `${label} ${issue?.message ?? 'is invalid'} (try --help)`;
}
