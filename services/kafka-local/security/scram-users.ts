import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';

export interface ScramToolInput {
  classpath: string;
  /** Who changes the credentials: a super user over SASL_SSL, or the demo's loopback plaintext listener. */
  via: KafkaConnection;
  /** CA file of `via` when it uses TLS. */
  caFile?: string;
}

/**
 * Sets (or replaces) a SCRAM-SHA-512 password with Kafka's own ConfigCommand: kafkajs has no call for
 * AlterUserScramCredentials. The password and the admin's credentials go through 0600 files in a private
 * temp folder, never through the command line (which every local user can read).
 */
export async function setScramPassword(input: ScramToolInput, user: string, password: string): Promise<void> {
  await withPrivateFolder(async (folder) => {
    const configFile = join(folder, 'scram.properties');
    await writeFile(configFile, `SCRAM-SHA-512=iterations=8192,password=${password}\n`, { mode: 0o600 });
    await configCommand(input, folder, [
      '--alter',
      '--add-config-file',
      configFile,
      '--entity-type',
      'users',
      '--entity-name',
      user,
    ]);
  });
}

/** Removes a user's SCRAM credential: new connections with it are refused from then on. */
export async function deleteScramPassword(input: ScramToolInput, user: string): Promise<void> {
  await withPrivateFolder((folder) =>
    configCommand(input, folder, [
      '--alter',
      '--delete-config',
      'SCRAM-SHA-512',
      '--entity-type',
      'users',
      '--entity-name',
      user,
    ]),
  );
}

async function configCommand(input: ScramToolInput, folder: string, args: string[]): Promise<void> {
  const clientFile = join(folder, 'client.properties');
  await writeFile(clientFile, clientProperties(input), { mode: 0o600 });
  const full = [
    '-cp',
    input.classpath,
    'kafka.admin.ConfigCommand',
    '--bootstrap-server',
    input.via.brokers.join(','),
    '--command-config',
    clientFile,
    ...args,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('java', full, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', (error) => reject(new Error(`java could not run Kafka's ConfigCommand (${error.message})`)));
    child.once('exit', (code) => {
      if (code === 0) return resolve();
      const why = stderr.split('\n').find((line) => /Exception|Error/.test(line)) ?? stderr.trim().split('\n')[0];
      reject(new Error(`changing SCRAM credentials failed (exit ${code}): ${why ?? 'no output'}`));
    });
  });
}

function clientProperties(input: ScramToolInput): string {
  const { sasl } = input.via;
  if (!sasl) return 'security.protocol=PLAINTEXT\n';
  if (!input.caFile) throw new Error('SASL_SSL needs the broker CA file');
  return [
    'security.protocol=SASL_SSL',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${sasl.username}" password="${sasl.password}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${input.caFile}`,
    '',
  ].join('\n');
}

async function withPrivateFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'wijksignaal-scram-'));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
