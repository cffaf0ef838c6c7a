import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from '@wijksignaal/contracts/loopback';
import { parseProcessFlags } from '@wijksignaal/contracts/process-flags';
import { wholeNumberSetting } from '@wijksignaal/contracts/whole-number-setting';
import type { AddressPolicy } from './webhook-address-guard.ts';

/** A setting the user can fix; main prints it as one line and exits 2. */
export class NotifierConfigError extends Error {
  override name = 'NotifierConfigError';
}

/**
 * The secret of the demo (`npm start` without NOTIFIER_SECRET). It is public, so with it the notifier posts to
 * webhooks on this machine only: a signature anyone can make proves nothing to a receiver elsewhere.
 */
export const DEMO_SECRET = 'wijksignaal-demo-webhook-secret-not-for-use-off-this-machine';
export const MIN_SECRET_LENGTH = 32;

export interface DeliverySettings {
  /** Attempts of one delivery before it is marked failed (NOTIFIER_MAX_ATTEMPTS, default 12). */
  maxAttempts: number;
  /** The first retry's wait (NOTIFIER_BACKOFF_MS, default 2000), doubling up to NOTIFIER_BACKOFF_MAX_MS (default 15 min). */
  backoff: { baseMs: number; maxMs: number };
  /** How long one POST may take before it counts as failed (NOTIFIER_TIMEOUT_MS, default 10000). */
  timeoutMs: number;
  /** Deliveries sent at once (NOTIFIER_CONCURRENCY, default 4). */
  concurrency: number;
  /**
   * Where a webhook may go besides the public internet: the hosts of NOTIFIER_PRIVATE_HOSTS (comma-separated;
   * default none) and, with the demo secret only, this machine.
   */
  addresses: AddressPolicy;
}

export interface NotifierConfig {
  /** Where the pipeline publishes serving snapshots ($DATA_DIR/snapshots). */
  snapshotDir: string;
  /** The notifier's own DuckDB file ($DATA_DIR/notifier/notifier.duckdb). */
  stateFile: string;
  /** Signs every delivery (webhook-key.ts derives each subscription's key from it). */
  secret: string;
  /** True without NOTIFIER_SECRET: the demo's public secret, deliveries to loopback webhooks only. */
  demoSecret: boolean;
  /** The address users reach the dashboard at, for links in payloads (PUBLIC_URL, default http://localhost:$PORT). */
  publicUrl: string;
  /** How often LATEST is looked at (NOTIFIER_POLL_MS, default 1000). */
  pollMs: number;
  /** Alarm events about weeks older than this many weeks before the running one are not pushed (a backfill's history). */
  maxAgeWeeks: number;
  /** Hours into a new ISO week before last week's digest is sent: detection of that week has run by then. */
  digestAfterHours: number;
  /** Days the delivery log keeps a delivery that ended, with its attempts (NOTIFIER_LOG_DAYS, default 90). */
  logDays: number;
  delivery: DeliverySettings;
  help: boolean;
}

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: wholeNumberSetting('a port', 0, 65_535).default(3000),
  NOTIFIER_SECRET: z.preprocess(
    blankIsUnset,
    z
      .string()
      .min(MIN_SECRET_LENGTH, { error: `must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)` })
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    blankIsUnset,
    z.url({ protocol: /^https?$/, error: 'must be the http(s) address users reach Wijksignaal at' }).optional(),
  ),
  NOTIFIER_POLL_MS: wholeNumberSetting('milliseconds', 50, 60_000).default(1000),
  NOTIFIER_MAX_AGE_WEEKS: wholeNumberSetting('weeks', 0, 520).default(2),
  NOTIFIER_DIGEST_AFTER_HOURS: wholeNumberSetting('hours', 0, 167).default(6),
  // At least 8: a week's digest is known sent only by its row in the log, and is due until that week's
  // successor ends; a shorter log would forget a digest while it is still due and post it again.
  NOTIFIER_LOG_DAYS: wholeNumberSetting('days', 8, 3660).default(90),
  NOTIFIER_MAX_ATTEMPTS: wholeNumberSetting('attempts', 1, 100).default(12),
  NOTIFIER_BACKOFF_MS: wholeNumberSetting('milliseconds', 1, 3_600_000).default(2000),
  NOTIFIER_BACKOFF_MAX_MS: wholeNumberSetting('milliseconds', 1, 86_400_000).default(900_000),
  NOTIFIER_TIMEOUT_MS: wholeNumberSetting('milliseconds', 100, 120_000).default(10_000),
  NOTIFIER_CONCURRENCY: wholeNumberSetting('deliveries', 1, 64).default(4),
  NOTIFIER_PRIVATE_HOSTS: z
    .string()
    .regex(/^[a-z0-9.\-:,\s]*$/i, { error: 'must be a comma-separated list of host names' })
    .default(''),
});

export const NOTIFIER_USAGE = `usage: npm run notifier -- [--data-dir DIR]
  Follows $DATA_DIR/snapshots and posts new and escalated alarms and a weekly digest to subscribers' webhooks.
  NOTIFIER_SECRET (at least ${MIN_SECRET_LENGTH} characters) signs them; without it a public demo secret is used and only
  webhooks on this machine (localhost, 127.0.0.1, ::1) are posted to. PUBLIC_URL: the dashboard's address for links.
  NOTIFIER_MAX_ATTEMPTS (12), NOTIFIER_BACKOFF_MS (2000) doubling up to NOTIFIER_BACKOFF_MAX_MS (900000),
  NOTIFIER_TIMEOUT_MS (10000), NOTIFIER_CONCURRENCY (4), NOTIFIER_POLL_MS (1000), NOTIFIER_MAX_AGE_WEEKS (2),
  NOTIFIER_DIGEST_AFTER_HOURS (6), NOTIFIER_LOG_DAYS (90: how long a finished delivery stays in the delivery log).
  Webhooks on a private or local network (this machine too, once NOTIFIER_SECRET is set) are not posted to unless
  their host is in NOTIFIER_PRIVATE_HOSTS (comma-separated, e.g. relay.ggd.internal).`;

/** Flags win over the environment; the launcher's shared flags (--areas, --population, --no-simulator) are ignored. */
export function parseNotifierConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): NotifierConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseProcessFlags(argv, { 'data-dir': { type: 'string' } });
  } catch (error) {
    throw new NotifierConfigError((error as Error).message);
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NotifierConfigError(
      `environment variable ${String(issue?.path[0] ?? '?')} ${issue?.message ?? 'is invalid'} (try --help)`,
    );
  }
  const e = parsed.data;
  if (e.NOTIFIER_BACKOFF_MAX_MS < e.NOTIFIER_BACKOFF_MS) {
    throw new NotifierConfigError(
      'environment variable NOTIFIER_BACKOFF_MAX_MS must be at least NOTIFIER_BACKOFF_MS (try --help)',
    );
  }
  const dataDir = resolve(cwd, typeof values['data-dir'] === 'string' ? values['data-dir'] : e.DATA_DIR);
  const demoSecret = e.NOTIFIER_SECRET === undefined;
  return {
    snapshotDir: join(dataDir, 'snapshots'),
    stateFile: join(dataDir, 'notifier', 'notifier.duckdb'),
    secret: e.NOTIFIER_SECRET ?? DEMO_SECRET,
    demoSecret,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    pollMs: e.NOTIFIER_POLL_MS,
    maxAgeWeeks: e.NOTIFIER_MAX_AGE_WEEKS,
    digestAfterHours: e.NOTIFIER_DIGEST_AFTER_HOURS,
    logDays: e.NOTIFIER_LOG_DAYS,
    delivery: {
      maxAttempts: e.NOTIFIER_MAX_ATTEMPTS,
      backoff: { baseMs: e.NOTIFIER_BACKOFF_MS, maxMs: e.NOTIFIER_BACKOFF_MAX_MS },
      timeoutMs: e.NOTIFIER_TIMEOUT_MS,
      concurrency: e.NOTIFIER_CONCURRENCY,
      addresses: {
        privateHosts: new Set(
          e.NOTIFIER_PRIVATE_HOSTS.split(',')
            .map((host) => host.trim().toLowerCase())
            .filter((host) => host !== ''),
        ),
        loopback: demoSecret,
      },
    },
    help: values.help === true,
  };
}

/**
 * Why a webhook may not be posted to, or null when it may: https anywhere; plain http on this machine only;
 * with the demo's public secret, this machine only.
 */
export function webhookRefusal(url: string, demoSecret: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  const local = isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local))
    return 'not https (plain http only on this machine)';
  if (demoSecret && !local) return 'the demo secret signs for webhooks on this machine only; set NOTIFIER_SECRET';
  return null;
}
