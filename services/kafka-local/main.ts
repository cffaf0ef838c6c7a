/**
 * `npm run kafka`: a local Kafka broker with the Wijksignaal topics and ACLs, until Ctrl-C. With
 * KAFKA_BROKERS set it only provisions that broker (as the admin in KAFKA_USERNAME…) and exits.
 */
import { KAFKA_CONNECTION_ENV, kafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { z } from 'zod';
import { startBroker, type RunningBroker } from './broker.ts';
import { ConfigError, parseKafkaLocalConfig } from './kafka-local-config.ts';
import { provisionWijksignaal } from './provision.ts';

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
    const env = z.object(KAFKA_CONNECTION_ENV).parse(process.env);
    const admin = kafkaConnection({
      brokers: config.externalBrokers,
      username: env.KAFKA_USERNAME,
      passwordFile: env.KAFKA_PASSWORD_FILE,
      caFile: env.KAFKA_CA_FILE,
    });
    await provisionWijksignaal(admin, config.partners, { partitions: config.partitions });
    log(`topics and ACLs ready on ${config.externalBrokers.join(',')} (KAFKA_BROKERS); no local broker started`);
    process.exit(0);
  }
  broker = await startBroker({
    port: config.port,
    plaintextPort: config.plaintextPort,
    host: config.host,
    advertisedHost: config.advertisedHost,
    dataDir: config.brokerDir,
    heapMb: config.heapMb,
    log,
  });
  await provisionWijksignaal(broker.connectionAs('admin'), config.partners, { partitions: config.partitions });
  console.log(
    [
      `Kafka SASL_SSL (SCRAM-SHA-512) on ${broker.saslBrokers.join(',')}, CA ${broker.security.caFile}`,
      broker.plaintextBrokers
        ? `demo plaintext on ${broker.plaintextBrokers.join(',')} (this machine only)`
        : 'no plaintext listener',
      `partner credentials: npm run partner-credentials -- create <partner>`,
      `data ${config.brokerDir}, log ${broker.logFile}; Ctrl-C stops it`,
    ].join('\n'),
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
