import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { kafkaConnection, type KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { HelpRequested, parseSimulatorConfig, UsageError, type SimulatorConfig } from './config.ts';
import { createSignalProducer, type SignalProducer } from './producer.ts';
import { formatSummary, produceCount, runDemoStream } from './simulate.ts';

/**
 * `npm run simulate`: a partner producing signals (`--count N`) or the demo's partners (`--demo`).
 * Usage mistakes exit 2, anything else that stops the run exits 1; always with one line on stderr.
 */
async function main(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = parseSimulatorConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${error.message}\n`);
      process.exit(0);
    }
    if (error instanceof UsageError) fail(`${error.message} (npm run simulate -- --help shows the flags)`, 2);
    throw error;
  }

  let registry: AreaRegistry;
  try {
    registry = await loadAreaRegistry({ areasFile: config.areasFile, populationFile: config.populationFile });
  } catch (error) {
    fail(`cannot load the area registry: ${oneLine(error)}`, 1);
  }

  let connection: KafkaConnection;
  try {
    connection = kafkaConnection({
      brokers: config.brokers,
      username: config.kafkaUsername,
      passwordFile: config.kafkaPasswordFile,
      caFile: config.kafkaCaFile,
    });
  } catch (error) {
    fail(oneLine(error), 2);
  }
  const producer = createSignalProducer({ connection, topicPrefix: config.topicPrefix, partners: DEMO_PARTNERS });
  await connectWithin(producer, config);

  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (config.mode === 'count') {
      const summary = await produceCount({
        registry,
        producer,
        count: config.count,
        seed: config.seed,
        badShare: config.badShare,
        duplicateShare: config.duplicateShare,
        signal: abort.signal,
        ...(config.rate !== undefined ? { rate: config.rate } : {}),
        ...(config.endWeek !== undefined ? { endWeek: config.endWeek } : {}),
      });
      process.stdout.write(`${formatSummary(summary)}\n`);
      if (summary.produced < config.count) fail(`stopped after ${summary.produced} of ${config.count} messages`, 1);
    } else {
      process.stdout.write(
        `simulator: ${registry.areas.length} areas from ${registry.source}, seed ${config.seed}, topics ${producer.topicPrefix}.partner.<partner>\n`,
      );
      const result = await runDemoStream({
        registry,
        producer,
        seed: config.seed,
        historyYears: config.historyYears,
        liveIntervalMs: config.liveIntervalMs,
        badShare: config.badShare,
        signal: abort.signal,
        log: (line) => process.stdout.write(`simulator: ${line}\n`),
      });
      process.stdout.write(`simulator: stopped (${result.backfilled} backfilled, ${result.live} live records)\n`);
    }
  } catch (error) {
    await producer.disconnect();
    fail(`sending to Kafka at ${config.brokers.join(',')} failed: ${oneLine(error)}`, 1);
  }
  await producer.disconnect();
  process.exit(0);
}

/** kafkajs retries for a long time on its own; a partner wants a clear answer within seconds. */
async function connectWithin(producer: SignalProducer, config: SimulatorConfig): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${config.connectTimeoutMs / 1000} s`)), config.connectTimeoutMs);
  });
  try {
    await Promise.race([producer.connect(), deadline]);
  } catch (error) {
    const message = oneLine(error);
    if (message.startsWith('topic ')) fail(message, 1);
    fail(
      `cannot reach Kafka at ${config.brokers.join(',')} (${message}); start one with \`npm run kafka\` or point --brokers / KAFKA_BROKERS at a running broker`,
      1,
    );
  } finally {
    clearTimeout(timer);
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

function fail(message: string, code: number): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(code);
}

main().catch((error: unknown) => fail(`unexpected error: ${oneLine(error)}`, 1));
