import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainFromLog, START_MARKER } from './broker-log.ts';
import { loadOrCreateClusterId } from './cluster-id.ts';
import { formatStorage } from './format-storage.ts';
import { freePort } from './free-port.ts';
import { ensureKafkaJars } from './jars.ts';
import { brokerAnswersMetadata } from './metadata-probe.ts';
import { kafkaConnection, type KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { ensureBrokerSecurity, principalSettings, type BrokerSecurity } from './security/broker-security.ts';
import { INTERNAL_PRINCIPALS, type InternalPrincipal } from './security/principals.ts';
import { setScramPassword } from './security/scram-users.ts';
import { renderServerProperties } from './server-properties.ts';
import { waitFor } from './wait-for.ts';

const LOG4J2_CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'log4j2.properties');
const STOP_TIMEOUT_MS = 30_000;

export interface StartBrokerOptions {
  /** The SASL_SSL listener: the one door for partners and for Wijksignaal's own processes. */
  port: number;
  /** The demo's plaintext listener on 127.0.0.1, or null (the default) for none. */
  plaintextPort?: number | null;
  /** Where the SASL_SSL listener binds; 127.0.0.1 unless the broker must be reached from elsewhere. */
  host?: string;
  /** The name clients use for it (in its certificate); `host`, or localhost when `host` is 0.0.0.0. */
  advertisedHost?: string;
  /** KRaft controller listener; a free port is picked when omitted. */
  controllerPort?: number;
  /** Everything of this broker lives here: data, cluster id, server.properties, broker.log. */
  dataDir: string;
  heapMb?: number;
  /** How long the broker may take to answer its first metadata request; generous because CI machines are busy. */
  readyTimeoutMs?: number;
  /** Classpath glob from ensureKafkaJars; resolved (and downloaded if needed) when omitted. */
  classpath?: string;
  log?: (line: string) => void;
}

export interface RunningBroker {
  /** SASL_SSL addresses. */
  saslBrokers: string[];
  /** The demo's plaintext address, or null when the broker has none. */
  plaintextBrokers: string[] | null;
  security: BrokerSecurity;
  /** SASL_SSL as one of the broker's own principals (the admin for topics, ACLs and credentials). */
  connectionAs(principal: InternalPrincipal): KafkaConnection;
  port: number;
  pid: number;
  logFile: string;
  /** Settles when the JVM is gone, whether through stop() or a crash. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const SCRAM_MARKER = 'scram-users-stored';

/**
 * Starts a single-node KRaft Kafka and resolves once its SASL_SSL listener answers the admin's metadata
 * request. The first start makes the CA, the broker certificate and the broker's own SCRAM users; a second
 * start on the same dataDir reuses them, the cluster id and the stored partitions.
 */
export async function startBroker(opts: StartBrokerOptions): Promise<RunningBroker> {
  const log = opts.log ?? (() => {});
  const dataDir = resolve(opts.dataDir);
  const logDir = join(dataDir, 'kraft');
  const logFile = join(dataDir, 'broker.log');
  const propertiesFile = join(dataDir, 'server.properties');
  // The partitions hold raw signals and the security folder the broker's keys: owner-only.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);

  const classpath = opts.classpath ?? (await ensureKafkaJars({ log }));
  const controllerPort = opts.controllerPort ?? (await freePort());
  const clusterId = await loadOrCreateClusterId(dataDir);
  const host = opts.host ?? '127.0.0.1';
  const advertisedHost = opts.advertisedHost ?? (host === '0.0.0.0' ? 'localhost' : host);
  const security = await ensureBrokerSecurity(dataDir, [...new Set(['127.0.0.1', 'localhost', advertisedHost])]);
  const plaintextPort = opts.plaintextPort ?? null;
  await writeFile(
    propertiesFile,
    renderServerProperties({
      host,
      advertisedHost,
      saslPort: opts.port,
      plaintextPort,
      controllerPort,
      logDir,
      tls: { keystore: security.keystore, truststore: security.truststore, storePassword: security.storePassword },
      brokerPassword: security.passwords.broker,
    }),
    { mode: 0o600 },
  );
  const scramUsers = (Object.keys(INTERNAL_PRINCIPALS) as InternalPrincipal[]).map((p) => ({
    name: INTERNAL_PRINCIPALS[p],
    password: security.passwords[p],
  }));

  const logFd = openSync(logFile, 'a');
  writeSync(logFd, `\n${START_MARKER} ${new Date().toISOString()} port ${opts.port} ====\n`);
  let child: ChildProcess;
  try {
    const formatted = await formatStorage({
      classpath,
      jvmArgs: loggingArgs(dataDir),
      propertiesFile,
      logDir,
      clusterId,
      logFd,
      logFile,
      scramUsers,
    });
    if (formatted) await writeFile(join(security.dir, SCRAM_MARKER), '');
    child = spawn(
      'java',
      [...heapArgs(opts.heapMb ?? 512), ...loggingArgs(dataDir), '-cp', classpath, 'kafka.Kafka', propertiesFile],
      {
        stdio: ['ignore', logFd, logFd],
      },
    );
  } finally {
    closeSync(logFd);
  }

  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let hasExited = false;
  // A test runner or `npm run kafka` that dies normally must not leave a JVM holding the port.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const died = new AbortController();
  child.once('error', (err) => {
    hasExited = true;
    process.off('exit', killOnExit);
    died.abort(new Error(`Could not start java for the Kafka broker: ${err.message}`));
  });
  child.once('exit', (code, signal) => {
    hasExited = true;
    process.off('exit', killOnExit);
    void explainFromLog(logFile).then((why) =>
      died.abort(new Error(`Kafka broker exited (${signal ?? `code ${code}`}) before it was ready: ${why} (log: ${logFile})`)),
    );
  });

  const saslBrokers = [`${advertisedHost}:${opts.port}`];
  const plaintextBrokers = plaintextPort === null ? null : [`127.0.0.1:${plaintextPort}`];
  const connectionAs = (principal: InternalPrincipal) => kafkaConnection(principalSettings(security, principal, saslBrokers));
  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
    log(`Kafka broker pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s; killing it`);
    child.kill('SIGKILL');
    await settlesWithin(exited, 10_000);
  };

  const startedAt = Date.now();
  const ready = (connection: KafkaConnection, what: string) =>
    waitFor(() => brokerAnswersMetadata(connection), {
      timeoutMs: opts.readyTimeoutMs ?? 120_000,
      intervalMs: 250,
      what: `the Kafka broker on ${connection.brokers[0]} to answer ${what} (log: ${logFile})`,
      signal: died.signal,
    });
  try {
    if (!existsSync(join(security.dir, SCRAM_MARKER))) {
      // Storage formatted before the broker had authentication: its own users are added once, through the
      // demo's plaintext listener (the only way in without them).
      if (!plaintextBrokers) {
        throw new Error(
          `${dataDir} was created without broker credentials; start it once with the loopback plaintext listener (KAFKA_PLAINTEXT_PORT) or delete it`,
        );
      }
      await ready(kafkaConnection({ brokers: plaintextBrokers }), 'on its plaintext listener');
      for (const user of scramUsers)
        await setScramPassword({ classpath, via: { brokers: plaintextBrokers } }, user.name, user.password);
      await writeFile(join(security.dir, SCRAM_MARKER), '');
    }
    await ready(connectionAs('admin'), 'a SASL_SSL metadata request');
  } catch (err) {
    await stop();
    throw err;
  }
  log(
    `Kafka broker ready on ${saslBrokers[0]} (SASL_SSL)${plaintextBrokers ? ` and ${plaintextBrokers[0]} (loopback plaintext)` : ''} after ${((Date.now() - startedAt) / 1000).toFixed(1)}s (pid ${child.pid}, log ${logFile})`,
  );
  return { saslBrokers, plaintextBrokers, security, connectionAs, port: opts.port, pid: child.pid ?? -1, logFile, exited, stop };
}

function heapArgs(heapMb: number): string[] {
  // The flags Kafka's own start scripts use; a fixed heap keeps memory use predictable next to other test JVMs.
  return [
    `-Xms${heapMb}m`,
    `-Xmx${heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
  ];
}

function loggingArgs(dataDir: string): string[] {
  return [`-Dlog4j2.configurationFile=file:${LOG4J2_CONFIG}`, `-Dkafka.logs.dir=${join(dataDir, 'logs')}`];
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
