import { spawn } from 'node:child_process';

/** Produces one record per line with the kcat command-line client (a non-Node Kafka client, librdkafka). */
export function kcatProduce(brokers: string, topic: string, records: { key: string; value: string }[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const kcat = spawn('kcat', ['-P', '-b', brokers, '-t', topic, '-K', '\t', '-X', 'acks=all'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    kcat.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    kcat.on('error', (error) => reject(new Error(`kcat could not start (${error.message}); install Debian's kcat`)));
    kcat.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`kcat exited ${code}: ${stderr.trim()}`))));
    kcat.stdin.end(records.map((r) => `${r.key}\t${r.value}\n`).join(''));
  });
}
