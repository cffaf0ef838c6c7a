import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainFromLog, START_MARKER } from './broker-log.ts';
import { loadOrCreateClusterId } from './cluster-id.ts';
import { formatStorage } from './format-storage.ts';
import { freePort } from './free-port.ts';
import { ensureKafkaJars } from './jars.ts';
import { brokerAnswersMetadata } from './metadata-probe.ts';
import { renderServerProperties } from './server-properties.ts';
import { waitFor } from './wait-for.ts';

const LOG4J2_CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'log4j2.properties');
const STOP_TIMEOUT_MS = 30_000;

export interface StartBrokerOptions {
  port: number;
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
  brokers: string[];
  port: number;
  pid: number;
  logFile: string;
  /** Settles when the JVM is gone, whether through stop() or a crash. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a single-node KRaft Kafka on 127.0.0.1 and resolves once it answers a metadata request. A second
 * start on the same dataDir reuses the cluster id and the stored partitions.
 */
export async function startBroker(opts: StartBrokerOptions): Promise<RunningBroker> {
  const log = opts.log ?? (() => {});
  const dataDir = resolve(opts.dataDir);
  const logDir = join(dataDir, 'kraft');
  const logFile = join(dataDir, 'broker.log');
  const propertiesFile = join(dataDir, 'server.properties');
  await mkdir(dataDir, { recursive: true });

  const classpath = opts.classpath ?? (await ensureKafkaJars({ log }));
  const controllerPort = opts.controllerPort ?? (await freePort());
  const clusterId = await loadOrCreateClusterId(dataDir);
  await writeFile(propertiesFile, renderServerProperties({ port: opts.port, controllerPort, logDir }));

  const logFd = openSync(logFile, 'a');
  writeSync(logFd, `\n${START_MARKER} ${new Date().toISOString()} port ${opts.port} ====\n`);
  let child: ChildProcess;
  try {
    await formatStorage({ classpath, jvmArgs: loggingArgs(dataDir), propertiesFile, logDir, clusterId, logFd, logFile });
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

  const brokers = [`127.0.0.1:${opts.port}`];
  const stop = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
    log(`Kafka broker pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s; killing it`);
    child.kill('SIGKILL');
    await settlesWithin(exited, 10_000);
  };

  const startedAt = Date.now();
  try {
    await waitFor(() => brokerAnswersMetadata(brokers), {
      timeoutMs: opts.readyTimeoutMs ?? 120_000,
      intervalMs: 250,
      what: `the Kafka broker on ${brokers[0]} to answer a metadata request (log: ${logFile})`,
      signal: died.signal,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  log(
    `Kafka broker ready on ${brokers[0]} after ${((Date.now() - startedAt) / 1000).toFixed(1)}s (pid ${child.pid}, log ${logFile})`,
  );
  return { brokers, port: opts.port, pid: child.pid ?? -1, logFile, exited, stop };
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
