import { z } from 'zod';
import { DLQ_TOPIC, SIGNALS_TOPIC_PREFIX } from '@wijksignaal/contracts/topics';
import { USER_ACTIONS_TOPIC } from '@wijksignaal/contracts/user-action';
import { KAFKA_CONNECTION_ENV, type KafkaConnectionSettings } from '@wijksignaal/kafka-connection/kafka-connection';
import { wholeNumberSetting } from '../whole-number-setting.ts';
import { DEFAULT_INGEST, type IngestSettings } from './ingest-settings.ts';

/** Where `POST /api/v1/signals` and the triage and subscription routes produce to; undefined when KAFKA_BROKERS is not set. */
export interface IngestKafkaConfig {
  /** Brokers, and the API's SASL_SSL credentials when the broker is not the local demo's. */
  settings: KafkaConnectionSettings;
  /** Each partner's signals go to `<topicPrefix>.partner.<id>`. */
  topicPrefix: string;
  dlqTopic: string;
  /** Triage marks and subscriptions (`contracts/user-action.ts`). */
  actionsTopic: string;
}

export interface IngestConfig {
  kafka: IngestKafkaConfig | undefined;
  limits: IngestSettings;
}

/** The API's environment variables for partner ingest; config.ts spreads them into its schema. */
export const INGEST_ENV = {
  ...KAFKA_CONNECTION_ENV,
  KAFKA_BROKERS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .regex(/^\s*[^\s:,]+:\d+\s*(,\s*[^\s:,]+:\d+\s*)*$/, { error: 'must be host:port[,host:port…]' })
      .optional(),
  ),
  INGEST_MAX_BODY_BYTES: wholeNumberSetting('bytes', 1024, 64 * 1024 * 1024).default(DEFAULT_INGEST.maxSignalsBodyBytes),
  MAX_BODY_BYTES: wholeNumberSetting('bytes', 1024, 1024 * 1024).default(DEFAULT_INGEST.maxOtherBodyBytes),
  INGEST_MAX_SIGNALS: wholeNumberSetting('signals', 1, 10_000).default(DEFAULT_INGEST.maxBatchItems),
  INGEST_MAX_JSON_DEPTH: wholeNumberSetting('levels', 2, 64).default(DEFAULT_INGEST.maxJsonDepth),
  INGEST_RATE_PER_SECOND: z.coerce
    .number({ error: 'must be a number of requests per second above 0' })
    .positive({ error: 'must be a number of requests per second above 0' })
    .default(DEFAULT_INGEST.ratePerSecond),
  INGEST_BURST: wholeNumberSetting('requests', 1, 10_000).default(DEFAULT_INGEST.burst),
  RETENTION_WEEKS: wholeNumberSetting('weeks', 1, 1040).default(DEFAULT_INGEST.retentionWeeks),
};

type IngestEnv = z.output<z.ZodObject<typeof INGEST_ENV>>;

/** Flags `--topic-prefix`, `--dlq-topic` and `--actions-topic` win, like the pipeline's (so a test stack can use its own topics). */
export function ingestConfig(
  env: IngestEnv,
  flags: { topicPrefix?: string; dlqTopic?: string; actionsTopic?: string },
): IngestConfig {
  return {
    kafka: env.KAFKA_BROKERS
      ? {
          settings: {
            brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
            username: env.KAFKA_USERNAME,
            passwordFile: env.KAFKA_PASSWORD_FILE,
            caFile: env.KAFKA_CA_FILE,
          },
          topicPrefix: flags.topicPrefix ?? SIGNALS_TOPIC_PREFIX,
          dlqTopic: flags.dlqTopic ?? DLQ_TOPIC,
          actionsTopic: flags.actionsTopic ?? USER_ACTIONS_TOPIC,
        }
      : undefined,
    limits: {
      maxSignalsBodyBytes: env.INGEST_MAX_BODY_BYTES,
      maxOtherBodyBytes: env.MAX_BODY_BYTES,
      maxBatchItems: env.INGEST_MAX_SIGNALS,
      maxJsonDepth: env.INGEST_MAX_JSON_DEPTH,
      ratePerSecond: env.INGEST_RATE_PER_SECOND,
      burst: env.INGEST_BURST,
      retentionWeeks: env.RETENTION_WEEKS,
    },
  };
}

export const INGEST_USAGE = `  Partner ingest (POST /api/v1/signals): KAFKA_BROKERS host:port,… (unset: the endpoint answers 503),
  KAFKA_USERNAME + KAFKA_PASSWORD_FILE + KAFKA_CA_FILE (SASL_SSL; required unless the broker is on this machine),
  --topic-prefix (default ${SIGNALS_TOPIC_PREFIX}: partner topics ${SIGNALS_TOPIC_PREFIX}.partner.<id>) and --dlq-topic (default ${DLQ_TOPIC}), --actions-topic (default ${USER_ACTIONS_TOPIC}: triage marks and
  subscriptions; without KAFKA_BROKERS those routes answer 503); INGEST_MAX_BODY_BYTES (default 1048576),
  MAX_BODY_BYTES for every other request (default 16384), INGEST_MAX_SIGNALS per batch (default 1000),
  INGEST_MAX_JSON_DEPTH (default 8), INGEST_RATE_PER_SECOND (default 5) and INGEST_BURST (default 20) requests
  per partner, RETENTION_WEEKS (default 260, as the pipeline).`;
