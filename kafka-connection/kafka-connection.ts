import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isLoopbackHost } from '@wijksignaal/contracts/loopback';

/** The one SASL mechanism the broker offers: SCRAM-SHA-512 (salted, never sends the password). */
export const SASL_MECHANISM = 'scram-sha-512';

/** What a Kafka client needs to reach the broker; the kafkajs `brokers`, `ssl` and `sasl` settings. */
export interface KafkaConnection {
  brokers: string[];
  /** TLS that trusts the broker's CA; absent for loopback plaintext (the local demo). */
  ssl?: { ca: string[] };
  sasl?: { mechanism: typeof SASL_MECHANISM; username: string; password: string };
}

const hostPort = /^[^\s:,]+:\d+$/;

/**
 * The environment variables, spread into each process's own zod schema so config is parsed once.
 * KAFKA_USERNAME + KAFKA_PASSWORD_FILE + KAFKA_CA_FILE select SASL_SSL; without them the client speaks
 * plaintext, which only a broker on this machine accepts.
 */
export const KAFKA_CONNECTION_ENV = {
  KAFKA_USERNAME: z.string().trim().min(1).optional(),
  KAFKA_PASSWORD_FILE: z.string().trim().min(1).optional(),
  KAFKA_CA_FILE: z.string().trim().min(1).optional(),
};

export interface KafkaConnectionSettings {
  brokers: string[];
  username?: string | undefined;
  passwordFile?: string | undefined;
  caFile?: string | undefined;
}

export class KafkaConnectionError extends Error {}

/**
 * Checks the settings and reads the password and CA files. Plaintext to a broker beyond loopback is
 * refused: signals are health data and partner credentials must not cross a network in the clear.
 */
export function kafkaConnection(settings: KafkaConnectionSettings): KafkaConnection {
  const brokers = settings.brokers.map((b) => b.trim()).filter(Boolean);
  const bad = brokers.find((b) => !hostPort.test(b));
  if (brokers.length === 0 || bad !== undefined) {
    throw new KafkaConnectionError(`KAFKA_BROKERS must be host:port[,host:port…]${bad ? ` (got "${bad}")` : ''}`);
  }
  const given = [settings.username, settings.passwordFile, settings.caFile].filter((v) => v !== undefined).length;
  if (given === 0) {
    const remote = brokers.find((b) => !isLoopbackHost(b.slice(0, b.lastIndexOf(':'))));
    if (remote !== undefined) {
      throw new KafkaConnectionError(
        `Kafka at ${remote} is not on this machine: set KAFKA_USERNAME, KAFKA_PASSWORD_FILE and KAFKA_CA_FILE (SASL_SSL); plaintext is for a local broker only`,
      );
    }
    return { brokers };
  }
  if (given !== 3) {
    throw new KafkaConnectionError('SASL_SSL needs all three of KAFKA_USERNAME, KAFKA_PASSWORD_FILE and KAFKA_CA_FILE');
  }
  return {
    brokers,
    ssl: { ca: [readSecretFile(settings.caFile!, 'KAFKA_CA_FILE')] },
    sasl: {
      mechanism: SASL_MECHANISM,
      username: settings.username!,
      password: readSecretFile(settings.passwordFile!, 'KAFKA_PASSWORD_FILE').trim(),
    },
  };
}

/** The same connection with another principal's credentials (tests and tools that act as a partner). */
export function asPrincipal(connection: KafkaConnection, username: string, password: string): KafkaConnection {
  if (!connection.ssl) throw new KafkaConnectionError('a SCRAM principal needs the broker CA (SASL_SSL)');
  return { ...connection, sasl: { mechanism: SASL_MECHANISM, username, password } };
}

function readSecretFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new KafkaConnectionError(`${name} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
