import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KafkaConnectionSettings } from '@wijksignaal/kafka-connection/kafka-connection';
import { generateBrokerTls } from './keytool.ts';
import { INTERNAL_PRINCIPALS, type InternalPrincipal } from './principals.ts';

/** The broker's TLS material and its own principals' passwords, kept in `<broker dir>/security` (0700). */
export interface BrokerSecurity {
  dir: string;
  caFile: string;
  keystore: string;
  truststore: string;
  storePassword: string;
  passwords: Record<InternalPrincipal, string>;
  /** A 0600 file holding one principal's password (what KAFKA_PASSWORD_FILE points at). */
  passwordFile(principal: InternalPrincipal): string;
}

interface Secrets {
  hosts: string[];
  storePassword: string;
  passwords: Record<InternalPrincipal, string>;
}

/**
 * Creates the CA, the broker certificate (for `hosts`) and a random password per internal principal on the
 * first start, and reuses them afterwards. New hosts get a new CA and certificate (clients then need the new
 * ca.pem); the passwords stay, since the broker's metadata holds them.
 */
export async function ensureBrokerSecurity(brokerDir: string, hosts: readonly string[]): Promise<BrokerSecurity> {
  const dir = join(brokerDir, 'security');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const secretsFile = join(dir, 'secrets.json');
  const previous = existsSync(secretsFile) ? (JSON.parse(await readFile(secretsFile, 'utf8')) as Secrets) : null;
  const secrets: Secrets = previous ?? {
    hosts: [],
    storePassword: secret(),
    passwords: Object.fromEntries(Object.keys(INTERNAL_PRINCIPALS).map((p) => [p, secret()])) as Record<
      InternalPrincipal,
      string
    >,
  };
  const wanted = [...new Set(hosts)].sort();
  const tlsMissing = !['ca.pem', 'broker.p12', 'truststore.p12'].every((f) => existsSync(join(dir, f)));
  if (tlsMissing || wanted.join(',') !== secrets.hosts.join(',')) {
    await generateBrokerTls(dir, wanted, secrets.storePassword);
    secrets.hosts = wanted;
  }
  await writeFile(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const security = securityOf(dir, secrets);
  for (const principal of Object.keys(INTERNAL_PRINCIPALS) as InternalPrincipal[]) {
    await writeFile(security.passwordFile(principal), `${secrets.passwords[principal]}\n`, { mode: 0o600 });
  }
  return security;
}

/** The security of a local broker that has started before, or null (tools that must not create one). */
export async function readBrokerSecurity(brokerDir: string): Promise<BrokerSecurity | null> {
  const dir = join(brokerDir, 'security');
  const secretsFile = join(dir, 'secrets.json');
  if (!existsSync(secretsFile)) return null;
  return securityOf(dir, JSON.parse(await readFile(secretsFile, 'utf8')) as Secrets);
}

function securityOf(dir: string, secrets: Secrets): BrokerSecurity {
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    keystore: join(dir, 'broker.p12'),
    truststore: join(dir, 'truststore.p12'),
    storePassword: secrets.storePassword,
    passwords: secrets.passwords,
    passwordFile: (principal) => join(dir, `${INTERNAL_PRINCIPALS[principal]}.password`),
  };
}

/** How `principal` reaches this broker over SASL_SSL: the settings kafkaConnection() and the env take. */
export function principalSettings(
  security: BrokerSecurity,
  principal: InternalPrincipal,
  brokers: string[],
): Required<KafkaConnectionSettings> {
  return {
    brokers,
    username: INTERNAL_PRINCIPALS[principal],
    passwordFile: security.passwordFile(principal),
    caFile: security.caFile,
  };
}

/** The same as environment variables, for a child process (pipeline, API, simulator). */
export function principalEnv(security: BrokerSecurity, principal: InternalPrincipal, brokers: string[]): Record<string, string> {
  const settings = principalSettings(security, principal, brokers);
  return {
    KAFKA_BROKERS: settings.brokers.join(','),
    KAFKA_USERNAME: settings.username,
    KAFKA_PASSWORD_FILE: settings.passwordFile,
    KAFKA_CA_FILE: settings.caFile,
  };
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}
