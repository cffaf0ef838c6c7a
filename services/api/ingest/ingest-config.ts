import { z } from 'zod';
import { DLQ_TOPIC, SIGNALS_TOPIC } from '@wijksignaal/contracts/topics';
import { wholeNumberSetting } from '../whole-number-setting.ts';
import { DEFAULT_INGEST, type IngestSettings } from './ingest-settings.ts';

/** Where `POST /api/v1/signals` produces to; undefined when KAFKA_BROKERS is not set. */
export interface IngestKafkaConfig {
  brokers: string[];
  topic: string;
  dlqTopic: string;
}

export interface IngestConfig {
  kafka: IngestKafkaConfig | undefined;
  limits: IngestSettings;
}

/** The API's environment variables for partner ingest; config.ts spreads them into its schema. */
export const INGEST_ENV = {
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

/** Flags `--topic` and `--dlq-topic` win, like the pipeline's (so a test stack can use its own topics). */
export function ingestConfig(env: IngestEnv, flags: { topic?: string; dlqTopic?: string }): IngestConfig {
  return {
    kafka: env.KAFKA_BROKERS
      ? {
          brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
          topic: flags.topic ?? SIGNALS_TOPIC,
          dlqTopic: flags.dlqTopic ?? DLQ_TOPIC,
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
  --topic (default ${SIGNALS_TOPIC}) and --dlq-topic (default ${DLQ_TOPIC}); INGEST_MAX_BODY_BYTES (default 1048576),
  MAX_BODY_BYTES for every other request (default 16384), INGEST_MAX_SIGNALS per batch (default 1000),
  INGEST_MAX_JSON_DEPTH (default 8), INGEST_RATE_PER_SECOND (default 5) and INGEST_BURST (default 20) requests
  per partner, RETENTION_WEEKS (default 260, as the pipeline).`;
