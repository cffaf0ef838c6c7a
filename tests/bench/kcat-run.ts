import { spawn } from 'node:child_process';

/** Runs kcat to completion and returns how long it took; a failure is one line with kcat's own words. */
export function runKcat(args: string[], what: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const kcat = spawn('kcat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    kcat.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    kcat.on('error', (error) => fail(new Error(`kcat could not start for ${what} (${error.message}); install Debian's kcat`)));
    kcat.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) done(ms);
      else fail(new Error(`kcat ${what} exited ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

/**
 * Produces a `key<TAB>value` file with librdkafka: large batches, several requests in flight, acks from all
 * replicas, and the murmur2 partitioner so records land where the Java and kafkajs clients would put them.
 */
export function kcatProduceFile(brokers: string, topic: string, file: string): Promise<number> {
  return runKcat(
    [
      '-P',
      '-b',
      brokers,
      '-t',
      topic,
      '-K',
      '\t',
      '-l',
      '-X',
      'acks=all',
      '-X',
      'partitioner=murmur2_random',
      '-X',
      'linger.ms=20',
      '-X',
      'batch.num.messages=10000',
      '-X',
      'queue.buffering.max.messages=500000',
      '-X',
      'max.in.flight=5',
      file,
    ],
    `producing ${file}`,
  );
}

/** The baseline: a plain librdkafka consumer reading the whole topic to /dev/null. */
export function kcatConsumeAll(brokers: string, topic: string): Promise<number> {
  return runKcat(['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q'], `consuming ${topic}`);
}
