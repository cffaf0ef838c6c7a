import { KAFKA_CONNECTION_ENV, kafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { startBroker, type RunningBroker } from '@wijksignaal/kafka-local/broker';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import type { KafkaLocalConfig } from '@wijksignaal/kafka-local/kafka-local-config';
import { provisionWijksignaal } from '@wijksignaal/kafka-local/provision';
import { principalEnv } from '@wijksignaal/kafka-local/security/broker-security';
import { z } from 'zod';

export type KafkaClient = 'pipeline' | 'api' | 'demoPartners';

export interface LaunchedKafka {
  /** The local broker, or null when KAFKA_BROKERS names another one. */
  broker: RunningBroker | null;
  /** KAFKA_BROKERS and credentials for one of the product's processes. */
  envFor(who: KafkaClient): Record<string, string>;
}

/**
 * The broker of `npm start`: a local one, where each process signs in as itself (SASL_SSL) with exactly the
 * ACLs it needs; or the one in KAFKA_BROKERS, provisioned with the operator's KAFKA_USERNAME… settings, which
 * every process then inherits as they are.
 */
export async function launchKafka(
  config: KafkaLocalConfig,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<LaunchedKafka> {
  const provision = { partitions: config.partitions };
  if (config.externalBrokers) {
    log(`Kafka: using ${config.externalBrokers.join(',')}`);
    const settings = z.object(KAFKA_CONNECTION_ENV).parse(env);
    const connection = kafkaConnection({
      brokers: config.externalBrokers,
      username: settings.KAFKA_USERNAME,
      passwordFile: settings.KAFKA_PASSWORD_FILE,
      caFile: settings.KAFKA_CA_FILE,
    });
    await provisionWijksignaal(connection, config.partners, provision).catch((error: Error) => {
      throw new Error(
        `could not create the partner topics and ACLs on ${config.externalBrokers!.join(',')} (${error.message.split('\n')[0]}); do it once as a super user with KAFKA_BROKERS=… npm run kafka`,
      );
    });
    return { broker: null, envFor: () => ({}) };
  }
  log('Kafka: starting a local broker (the first start downloads its jars once)…');
  const broker = await startBroker({
    port: config.port,
    plaintextPort: config.plaintextPort,
    host: config.host,
    advertisedHost: config.advertisedHost,
    dataDir: config.brokerDir,
    classpath: await ensureKafkaJars({ log: (line) => log(`  ${line}`) }),
  });
  try {
    await provisionWijksignaal(broker.connectionAs('admin'), config.partners, provision);
  } catch (error) {
    await broker.stop();
    throw error;
  }
  log(`Kafka: ready on ${broker.saslBrokers.join(',')} (SASL_SSL; CA ${broker.security.caFile})`);
  return { broker, envFor: (who) => principalEnv(broker.security, who, broker.saslBrokers) };
}
