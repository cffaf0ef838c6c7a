import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_K, MIN_K } from '@wijksignaal/domain/disclosure/primary-suppression';
import { DEFAULT_QUALITY_SETTINGS } from '@wijksignaal/domain/quality/quality-settings';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { PARTNER_PATTERN } from '@wijksignaal/contracts/signal';
import { DLQ_TOPIC, SIGNALS_TOPIC_PREFIX } from '@wijksignaal/contracts/topics';
import { USER_ACTIONS_TOPIC } from '@wijksignaal/contracts/user-action';
import { KAFKA_CONNECTION_ENV } from '@wijksignaal/kafka-connection/kafka-connection';
import { MAX_WEEKS_PER_SNAPSHOT } from './publish/snapshot-publisher.ts';

/** Twenty years: a detection window, and so a detection worker's job, is at most this many weeks long. */
export const MAX_RETENTION_WEEKS = 1040;

export const pipelineConfigSchema = z.object({
  brokers: z.array(z.string().regex(/^[^\s:]+:\d+$/, 'each broker must be host:port')).min(1),
  /** SASL_SSL credentials (all three) or none (plaintext, to a broker on this machine only). */
  kafkaUsername: KAFKA_CONNECTION_ENV.KAFKA_USERNAME,
  kafkaPasswordFile: KAFKA_CONNECTION_ENV.KAFKA_PASSWORD_FILE,
  kafkaCaFile: KAFKA_CONNECTION_ENV.KAFKA_CA_FILE,
  dataDir: z.string().min(1),
  /** Each partner's signals arrive on `<prefix>.partner.<id>`. */
  topicPrefix: z.string().min(1),
  dlqTopic: z.string().min(1),
  /** Triage marks and subscriptions, written by the API (`contracts/user-action.ts`). */
  actionsTopic: z.string().min(1),
  groupId: z.string().min(1),
  areasFile: z.string().optional(),
  populationFile: z.string().optional(),
  partners: z.array(z.string().regex(PARTNER_PATTERN, 'partner ids use a-z, 0-9 and -, 3 to 64 characters')).min(1),
  retentionWeeks: z.number().int().min(1).max(MAX_RETENTION_WEEKS),
  /** The published table withholds counts from 1 to k−1 (DISCLOSURE_K, default 5, at least 3). */
  disclosureK: z.number().int().min(MIN_K, `DISCLOSURE_K must be a whole number of at least ${MIN_K}`).max(100),
  snapshotIntervalMs: z.number().int().min(100).max(60_000),
  keepSnapshots: z.number().int().min(2).max(100),
  /** Weeks of published periods one snapshot rebuilds at most; the rest of a backlog waits for the next ones. */
  snapshotMaxWeeks: z.number().int().min(13).max(100_000),
  memoryLimit: z.string().regex(/^\d+(MB|GB)$/, 'memory limit like 256MB or 1GB'),
  /** How soon Kafka gives a crashed pipeline's partitions to its successor. */
  sessionTimeoutMs: z.number().int().min(1_000).max(300_000),
  /** Detection (alarms, priorities) runs at most this often. */
  analysisIntervalMs: z.number().int().min(0).max(3_600_000),
  /** While more messages than this wait, the consumer is catching up and detection waits. */
  catchUpLag: z.number().int().min(0),
  /** The Prometheus listener (GET /metrics); off unless METRICS_PORT is set. */
  metricsPort: z.number().int().min(0).max(65_535).nullable(),
  /** Where it listens; loopback by default, because it has no authentication. */
  metricsHost: z.string().min(1),
  /** Worker threads that validate batches while the pipeline's thread commits others (0: validate on it). */
  validationWorkers: z.number().int().min(0).max(16),
  /** --rebaseline: partitions whose offsets went backwards continue from the broker's log start (once). */
  rebaseline: z.boolean(),
  /** Data-quality alarms (domain/quality/README.md): how often they are judged, and the silence delay's bounds. */
  quality: z
    .object({
      intervalMs: z.number().int().min(100).max(3_600_000),
      silentFloorMs: z.number().int().min(1_000),
      silentCeilingMs: z.number().int().min(1_000),
    })
    .refine((q) => q.silentCeilingMs >= q.silentFloorMs, 'QUALITY_SILENT_CEILING_MS must be at least QUALITY_SILENT_FLOOR_MS'),
});
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

export const PIPELINE_USAGE = `usage: npm run pipeline -- [--areas <wijk map .geojson|.topojson> --population <kerncijfers .csv>]
  [--brokers host:port,...] [--topic-prefix signals.v1] [--actions-topic actions.v1] [--group wijksignaal-pipeline] [--partners a,b,c] [--rebaseline]
  --rebaseline: once, after the offsets of a partition went backwards (the topic was recreated or truncated),
  continue that partition from the broker's log start; ids already counted are not counted again.
  Reads signals.v1.partner.<id> for every partner and takes the partner from the topic.
environment: KAFKA_BROKERS (default 127.0.0.1:9092, the local demo broker's plaintext listener),
  KAFKA_USERNAME + KAFKA_PASSWORD_FILE + KAFKA_CA_FILE for SASL_SSL (required for a broker on another machine), DATA_DIR (default .data), RETENTION_WEEKS (default 260), DISCLOSURE_K (default 5, at least 3),
  METRICS_PORT (Prometheus GET /metrics; off by default), METRICS_HOST (default 127.0.0.1),
  QUALITY_INTERVAL_MS (default 60000), QUALITY_SILENT_FLOOR_MS (default 6 h), QUALITY_SILENT_CEILING_MS (default 8 days)`;

/** Reads flags and environment into a validated config; throws one-line errors for anything wrong. */
export function parsePipelineConfig(argv: string[], env: NodeJS.ProcessEnv): PipelineConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      areas: { type: 'string' },
      population: { type: 'string' },
      brokers: { type: 'string' },
      'topic-prefix': { type: 'string' },
      'dlq-topic': { type: 'string' },
      'actions-topic': { type: 'string' },
      group: { type: 'string' },
      partners: { type: 'string' },
      help: { type: 'boolean' },
      // accepted so every part of the stack takes the same flags as `npm start`
      'no-simulator': { type: 'boolean' },
      rebaseline: { type: 'boolean' },
    },
  });
  const brokers = values.brokers ?? env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const parsed = pipelineConfigSchema.safeParse({
    brokers: brokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    kafkaUsername: env.KAFKA_USERNAME,
    kafkaPasswordFile: env.KAFKA_PASSWORD_FILE,
    kafkaCaFile: env.KAFKA_CA_FILE,
    dataDir: env.DATA_DIR ?? '.data',
    topicPrefix: values['topic-prefix'] ?? SIGNALS_TOPIC_PREFIX,
    dlqTopic: values['dlq-topic'] ?? DLQ_TOPIC,
    actionsTopic: values['actions-topic'] ?? USER_ACTIONS_TOPIC,
    groupId: values.group ?? 'wijksignaal-pipeline',
    areasFile: values.areas,
    populationFile: values.population,
    partners: (values.partners ?? env.PARTNERS ?? DEMO_PARTNERS.join(','))
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    retentionWeeks: Number(env.RETENTION_WEEKS ?? 260),
    disclosureK: Number(env.DISCLOSURE_K ?? DEFAULT_K),
    snapshotIntervalMs: Number(env.SNAPSHOT_INTERVAL_MS ?? 1000),
    keepSnapshots: Number(env.KEEP_SNAPSHOTS ?? 3),
    snapshotMaxWeeks: Number(env.SNAPSHOT_MAX_WEEKS ?? MAX_WEEKS_PER_SNAPSHOT),
    memoryLimit: env.PIPELINE_MEMORY_LIMIT ?? '256MB',
    sessionTimeoutMs: Number(env.KAFKA_SESSION_TIMEOUT_MS ?? 10_000),
    analysisIntervalMs: Number(env.ANALYSIS_INTERVAL_MS ?? 15_000),
    catchUpLag: Number(env.CATCH_UP_LAG ?? 20_000),
    metricsPort: env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? null : Number(env.METRICS_PORT),
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    validationWorkers: Number(env.VALIDATION_WORKERS ?? 1),
    rebaseline: values.rebaseline === true,
    quality: {
      intervalMs: Number(env.QUALITY_INTERVAL_MS ?? 60_000),
      silentFloorMs: Number(env.QUALITY_SILENT_FLOOR_MS ?? DEFAULT_QUALITY_SETTINGS.silentFloorMs),
      silentCeilingMs: Number(env.QUALITY_SILENT_CEILING_MS ?? DEFAULT_QUALITY_SETTINGS.silentCeilingMs),
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid pipeline setting ${issue.path.join('.') || '(config)'}: ${issue.message}`);
  }
  if (Boolean(parsed.data.areasFile) !== Boolean(parsed.data.populationFile) && !parsed.data.areasFile) {
    throw new Error('--population needs --areas too (the wijk map the residents belong to)');
  }
  return parsed.data;
}
