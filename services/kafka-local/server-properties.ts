import { isLoopbackHost } from '@wijksignaal/contracts/loopback';
import { BROKER_CERT_PRINCIPAL, INTERNAL_PRINCIPALS } from './security/principals.ts';

export interface ServerPropertiesInput {
  /** Where the SASL_SSL listener binds (127.0.0.1, or 0.0.0.0 in a container) and what it tells clients. */
  host: string;
  advertisedHost: string;
  saslPort: number;
  /** The demo's loopback-only plaintext listener, or null for none. */
  plaintextPort: number | null;
  controllerPort: number;
  /** Where Kafka keeps its partitions and metadata log. */
  logDir: string;
  tls: { keystore: string; truststore: string; storePassword: string };
  /** The broker's own SCRAM password (its inter-broker login). */
  brokerPassword: string;
}

/**
 * One combined broker+controller with a static quorum, tuned so tests do not wait on defaults meant for
 * production clusters (one offsets partition, no initial rebalance delay, short minimum session timeouts,
 * replication factor 1, no topics created by accident), and secured like production:
 * - clients authenticate with SCRAM-SHA-512 over TLS (the broker's own CA) on the SASL_SSL listener;
 * - the controller listener is loopback mTLS that only the broker's own certificate gets through;
 * - StandardAuthorizer: no ACL means no access; only the broker and the admin are super users.
 * The plaintext listener, when there is one, binds to loopback and is the demo's: its anonymous users are
 * super users, which is why it never exists when the broker listens beyond this machine.
 */
export function renderServerProperties(input: ServerPropertiesInput): string {
  const plaintext = input.plaintextPort !== null;
  if (plaintext && !isLoopbackHost(input.host)) {
    throw new Error(`a plaintext listener is only for a broker on loopback; this one listens on ${input.host}`);
  }
  const listeners = [
    `SASL_SSL://${input.host}:${input.saslPort}`,
    `CONTROLLER://127.0.0.1:${input.controllerPort}`,
    ...(plaintext ? [`PLAINTEXT://127.0.0.1:${input.plaintextPort}`] : []),
  ];
  const advertised = [
    `SASL_SSL://${input.advertisedHost}:${input.saslPort}`,
    ...(plaintext ? [`PLAINTEXT://127.0.0.1:${input.plaintextPort}`] : []),
  ];
  const superUsers = [
    `User:${BROKER_CERT_PRINCIPAL}`,
    `User:${INTERNAL_PRINCIPALS.broker}`,
    `User:${INTERNAL_PRINCIPALS.admin}`,
    ...(plaintext ? ['User:ANONYMOUS'] : []),
  ];
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${input.controllerPort}`,
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'listener.security.protocol.map': 'SASL_SSL:SASL_SSL,CONTROLLER:SSL,PLAINTEXT:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'SASL_SSL',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${INTERNAL_PRINCIPALS.broker}" password="${input.brokerPassword}";`,
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': input.tls.keystore,
    'ssl.keystore.password': input.tls.storePassword,
    'ssl.truststore.type': 'PKCS12',
    'ssl.truststore.location': input.tls.truststore,
    'ssl.truststore.password': input.tls.storePassword,
    'listener.name.controller.ssl.client.auth': 'required',
    // The broker's certificate names 127.0.0.1 and the advertised host; the controller link is checked
    // by its client certificate instead of by host name.
    'listener.name.controller.ssl.endpoint.identification.algorithm': '',
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': superUsers.join(';'),
    'allow.everyone.if.no.acl.found': false,
    'log.dirs': input.logDir,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'group.min.session.timeout.ms': 1000,
    'num.network.threads': 2,
    'num.io.threads': 2,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${escapeValue(String(value))}`);
  return `# Written by kafka-local on every start; edits are overwritten. Holds secrets: owner-only.\n${lines.join('\n')}\n`;
}

/** Backslashes (Windows paths) and leading spaces would otherwise be eaten by java.util.Properties. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
