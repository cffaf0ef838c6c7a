/**
 * `npm run kafka`: a local Kafka broker with the Wijksignaal topics, until Ctrl-C. With KAFKA_BROKERS set it
 * only creates the topics on that broker and exits.
 */
import { startBroker, type RunningBroker } from './broker.ts';
import { ConfigError, parseKafkaLocalConfig } from './kafka-local-config.ts';
import { defaultTopics, ensureTopics } from './topics.ts';

const log = (line: string) => console.log(`[kafka] ${line}`);

let config;
try {
  config = parseKafkaLocalConfig(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}

let broker: RunningBroker | undefined;
try {
  if (config.externalBrokers) {
    await ensureTopics(config.externalBrokers, defaultTopics(config.partitions));
    log(`topics ready on ${config.externalBrokers.join(',')} (KAFKA_BROKERS); no local broker started`);
    process.exit(0);
  }
  broker = await startBroker({ port: config.port, dataDir: config.brokerDir, heapMb: config.heapMb, log });
  await ensureTopics(broker.brokers, defaultTopics(config.partitions));
  console.log(
    `Kafka listening on ${broker.brokers.join(',')} (data ${config.brokerDir}, log ${broker.logFile}); Ctrl-C stops it`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  await broker?.stop();
  process.exit(1);
}

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await broker?.stop();
  process.exit(0);
};
void broker?.exited.then(() => {
  if (stopping) return;
  console.error(`The Kafka broker stopped unexpectedly; see ${broker?.logFile}`);
  process.exit(1);
});
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
