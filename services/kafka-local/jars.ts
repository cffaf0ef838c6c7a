import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkToolchain } from './check-toolchain.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const POM = join(HERE, 'pom.xml');
/** One download next to this package serves every DATA_DIR and every test run. */
export const KAFKA_LIBS_DIR = join(HERE, '.kafka', 'libs');
const MARKER = '.complete';

/** The Kafka version in pom.xml, the single place it is written down. */
export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new Error(`no <kafka.version> property in ${POM}`);
  return match[1];
}

/**
 * Makes sure the broker jars are in .kafka/libs and returns the classpath glob for `java -cp`.
 * Maven only runs when the folder is missing or was filled from a different pom.xml (the marker file holds
 * the Kafka version and a hash of the pom). Parallel callers each download into their own folder and the
 * first rename wins, so concurrent test runs never see a half-filled folder.
 */
export async function ensureKafkaJars(opts: { log?: (line: string) => void } = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const classpath = join(KAFKA_LIBS_DIR, '*');
  const wanted = markerText();
  if ((await readMarker(KAFKA_LIBS_DIR)) === wanted) {
    checkToolchain({ maven: false });
    return classpath;
  }
  checkToolchain({ maven: true });
  log(`downloading Apache Kafka ${kafkaVersion()} jars from Maven Central into ${KAFKA_LIBS_DIR} (once)`);
  const staging = `${KAFKA_LIBS_DIR}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await runMaven(staging);
    await writeFile(join(staging, MARKER), wanted);
    if ((await readMarker(KAFKA_LIBS_DIR)) !== wanted) {
      await rm(KAFKA_LIBS_DIR, { recursive: true, force: true });
      await rename(staging, KAFKA_LIBS_DIR).catch(async (err: unknown) => {
        // Another process finished first; its folder is just as good.
        if ((await readMarker(KAFKA_LIBS_DIR)) !== wanted) throw err;
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  log(`Kafka ${kafkaVersion()} jars ready`);
  return classpath;
}

function markerText(): string {
  const pomHash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  return `kafka.version=${kafkaVersion()}\npom.sha256=${pomHash}\n`;
}

async function readMarker(dir: string): Promise<string | undefined> {
  const file = join(dir, MARKER);
  return existsSync(file) ? readFile(file, 'utf8') : undefined;
}

async function runMaven(outputDir: string): Promise<void> {
  const args = [
    '-B',
    '-q',
    '-f',
    POM,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    const errors = output
      .join('')
      .split('\n')
      // eslint-disable-next-line no-control-regex -- Maven colours its log with ANSI escapes (ESC, 0x1b); matching that control character is the point.
      .map((line) => line.replace(/\u001b\[[0-9;]*m/g, '').trim())
      .filter((line) => line.startsWith('[ERROR]') && line.length > '[ERROR]'.length);
    const reason = errors[0] ?? `mvn exited with code ${code}`;
    throw new Error(
      `Could not download the Kafka broker jars with Maven (${reason}); check the network access to Maven Central or set KAFKA_BROKERS to an existing broker.`,
    );
  }
}
