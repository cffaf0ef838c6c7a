import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { explainFromLog } from './broker-log.ts';

export interface FormatStorageInput {
  classpath: string;
  jvmArgs: string[];
  propertiesFile: string;
  logDir: string;
  clusterId: string;
  /** Open file descriptor of broker.log; the tool's output is appended there. */
  logFd: number;
  logFile: string;
  /** SCRAM-SHA-512 users written into the new cluster's first metadata (the broker's own principals). */
  scramUsers: { name: string; password: string }[];
}

/**
 * Formats the KRaft storage once. A folder that already has meta.properties is left alone (a restart), which
 * also saves a JVM start; `--ignore-formatted` covers the race where two starts format the same folder.
 * Returns whether it formatted (and so stored the SCRAM users).
 */
export async function formatStorage(input: FormatStorageInput): Promise<boolean> {
  if (existsSync(join(input.logDir, 'meta.properties'))) return false;
  const args = [
    ...input.jvmArgs,
    '-cp',
    input.classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    input.clusterId,
    '-c',
    input.propertiesFile,
    '--ignore-formatted',
    ...input.scramUsers.flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u.name},iterations=8192,password=${u.password}]`]),
  ];
  const code = await new Promise<number | null>((resolve, reject) => {
    // Its standard output lists the bootstrap records, salted credentials included: not for the log.
    const child = spawn('java', args, { stdio: ['ignore', 'ignore', input.logFd] });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `Formatting the Kafka storage in ${input.logDir} failed (exit ${code}): ${await explainFromLog(input.logFile)} (log: ${input.logFile})`,
    );
  }
  return true;
}
