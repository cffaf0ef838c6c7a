import { spawn } from 'node:child_process';

/** A SCRAM-SHA-512 login over TLS, as a partner would configure kcat. */
export interface KcatLogin {
  username: string;
  password: string;
  caFile: string;
}

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** kcat's -X settings for a SASL_SSL login (what the README's onboarding shows). */
export function kcatLoginArgs(login: KcatLogin): string[] {
  return [
    '-X',
    'security.protocol=SASL_SSL',
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    `sasl.username=${login.username}`,
    '-X',
    `sasl.password=${login.password}`,
    '-X',
    `ssl.ca.location=${login.caFile}`,
  ];
}

/** Runs kcat (a non-Node Kafka client, librdkafka) with `input` on stdin, to the end. */
export function runKcat(args: string[], input = ''): Promise<KcatResult> {
  return new Promise((resolvePromise, reject) => {
    const kcat = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    kcat.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    kcat.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    kcat.on('error', (error) => reject(new Error(`kcat could not start (${error.message}); install Debian's kcat`)));
    kcat.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
    kcat.stdin.end(input);
  });
}

/** Produces one record per line; over SASL_SSL when a login is given. Rejects with kcat's words on failure. */
export async function kcatProduce(
  brokers: string,
  topic: string,
  records: { key: string; value: string }[],
  login?: KcatLogin,
): Promise<void> {
  const result = await runKcat(
    ['-P', '-b', brokers, '-t', topic, '-K', '\t', '-X', 'acks=all', ...(login ? kcatLoginArgs(login) : [])],
    records.map((r) => `${r.key}\t${r.value}\n`).join(''),
  );
  if (result.code !== 0) throw new Error(`kcat exited ${result.code}: ${result.stderr.trim()}`);
}

/**
 * The librdkafka version kcat runs on. Kafka 4 refuses SCRAM logins of librdkafka before 2.6.1, so tests
 * that sign in with kcat say so in one line instead of failing on "invalid credentials".
 */
export async function requireKcatForScram(): Promise<void> {
  const { stdout, stderr } = await runKcat(['-V']);
  const version = /librdkafka (\d+)\.(\d+)\.(\d+)/.exec(stdout + stderr);
  const [major, minor, patch] = (version?.slice(1) ?? ['0', '0', '0']).map(Number) as [number, number, number];
  const ok = major > 2 || (major === 2 && (minor > 6 || (minor === 6 && patch >= 1)));
  if (!ok) {
    throw new Error(
      `kcat runs on librdkafka ${version?.slice(1).join('.') ?? '?'}, which cannot sign in to Kafka 4 with SCRAM (2.6.1 or newer can): run bash .ci/librdkafka.sh and put .tools/bin first on PATH`,
    );
  }
}
