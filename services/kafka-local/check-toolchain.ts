import { spawnSync } from 'node:child_process';

const HOW_TO_FIX =
  'install Java 17+ and Maven (Debian: apt-get install openjdk-17-jre-headless maven) ' +
  'or set KAFKA_BROKERS to an existing broker (e.g. `docker compose up kafka`, then KAFKA_BROKERS=127.0.0.1:9092)';

/**
 * Fails with one actionable line when the local broker cannot run here. Maven is only needed while the
 * broker jars are still missing, Java always.
 */
export function checkToolchain(need: { maven: boolean }): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error(`The local Kafka broker needs Java, which was not found: ${HOW_TO_FIX}.`);
  }
  const major = javaMajorVersion(`${java.stderr}${java.stdout}`);
  if (major !== undefined && major < 17) {
    throw new Error(`The local Kafka broker needs Java 17 or newer, found Java ${major}: ${HOW_TO_FIX}.`);
  }
  if (need.maven) {
    const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
    if (mvn.error || mvn.status !== 0) {
      throw new Error(`Downloading the Kafka broker jars needs Maven, which was not found: ${HOW_TO_FIX}.`);
    }
  }
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or, for Java 8, `"1.8.0_392"`. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}
