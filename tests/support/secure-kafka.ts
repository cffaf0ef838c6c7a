import { inject } from 'vitest';
import { asPrincipal, kafkaConnection, type KafkaConnection } from '@wijksignaal/kafka-connection/kafka-connection';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { ensureKafkaJars } from '@wijksignaal/kafka-local/jars';
import { provisionWijksignaal } from '@wijksignaal/kafka-local/provision';
import {
  principalEnv,
  principalSettings,
  readBrokerSecurity,
  type BrokerSecurity,
} from '@wijksignaal/kafka-local/security/broker-security';
import type { InternalPrincipal } from '@wijksignaal/kafka-local/security/principals';
import type { PartnerCredentialsInput } from '@wijksignaal/kafka-local/security/partner-credentials';
import type { TopicNames } from './kafka-kit.ts';

/** The shared test broker's SASL_SSL side: its CA, its own principals, and partner logins made by tests. */
export interface SecureKafka {
  brokers: string[];
  security: BrokerSecurity;
  as(principal: InternalPrincipal): KafkaConnection;
  /** KAFKA_BROKERS, KAFKA_USERNAME, KAFKA_PASSWORD_FILE, KAFKA_CA_FILE for a child process. */
  env(principal: InternalPrincipal): Record<string, string>;
  asPartnerLogin(username: string, password: string): KafkaConnection;
  /** What issuePartnerCredentials / revokePartnerCredentials need, with `topicPrefix`. */
  credentialsInput(topicPrefix: string): Promise<PartnerCredentialsInput>;
  /** The production provisioning (partner topics, dead-letter topic, the processes' ACLs) on a test's names. */
  provision(names: TopicNames, partners?: readonly string[]): Promise<void>;
}

export async function secureKafka(): Promise<SecureKafka> {
  const brokers = inject('kafkaSaslBrokers').split(',');
  const security = await readBrokerSecurity(inject('kafkaBrokerDir'));
  if (!security) throw new Error(`the test broker in ${inject('kafkaBrokerDir')} has no security folder`);
  const as = (principal: InternalPrincipal) => kafkaConnection(principalSettings(security, principal, brokers));
  return {
    brokers,
    security,
    as,
    env: (principal) => principalEnv(security, principal, brokers),
    asPartnerLogin: (username, password) => asPrincipal(as('admin'), username, password),
    credentialsInput: async (topicPrefix) => ({
      admin: as('admin'),
      caFile: security.caFile,
      classpath: await ensureKafkaJars({}),
      topicPrefix,
    }),
    provision: (names, partners = DEMO_PARTNERS) =>
      provisionWijksignaal(as('admin'), partners, {
        partitions: 3,
        names: { topicPrefix: names.topicPrefix, dlqTopic: names.dlq, actionsTopic: names.actions, groupPrefix: names.groupId },
      }),
  };
}
