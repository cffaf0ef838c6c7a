export interface ServerPropertiesInput {
  port: number;
  controllerPort: number;
  /** Where Kafka keeps its partitions and metadata log. */
  logDir: string;
}

/**
 * One combined broker+controller on loopback with a static quorum (the same on Kafka 3.9 and 4.x), tuned so
 * tests do not wait on defaults meant for production clusters: one offsets partition, no initial rebalance
 * delay, short minimum session timeouts, replication factor 1 everywhere, and no topics created by accident.
 */
export function renderServerProperties(input: ServerPropertiesInput): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${input.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${input.port},CONTROLLER://127.0.0.1:${input.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${input.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
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
  return `# Written by kafka-local on every start; edits are overwritten.\n${lines.join('\n')}\n`;
}

/** Backslashes (Windows paths) and leading spaces would otherwise be eaten by java.util.Properties. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
