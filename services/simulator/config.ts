import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isValidIsoWeek } from '@wijksignaal/contracts/iso-week';
import { SIGNALS_TOPIC_PREFIX } from '@wijksignaal/contracts/topics';
import { KAFKA_CONNECTION_ENV } from '@wijksignaal/kafka-connection/kafka-connection';

const number = (flag: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${flag} must be a number`)
    .transform(Number);
const share = (flag: string) =>
  number(flag).pipe(z.number().min(0, `${flag} must be between 0 and 1`).max(1, `${flag} must be between 0 and 1`));

const commonSchema = {
  seed: z.string().min(1, '--seed must not be empty'),
  brokers: z
    .array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, '--brokers must be host:port[,host:port…]'))
    .min(1, '--brokers must name at least one broker'),
  topicPrefix: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, '--topic-prefix must be a Kafka topic name (letters, digits, . _ -)'),
  /** SASL_SSL (all three) or none: plaintext to a broker on this machine. */
  kafkaUsername: KAFKA_CONNECTION_ENV.KAFKA_USERNAME,
  kafkaPasswordFile: KAFKA_CONNECTION_ENV.KAFKA_PASSWORD_FILE,
  kafkaCaFile: KAFKA_CONNECTION_ENV.KAFKA_CA_FILE,
  areasFile: z.string().optional(),
  populationFile: z.string().optional(),
  badShare: z.number(),
  connectTimeoutMs: z.number().int().positive(),
};

export const simulatorConfigSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('count'),
    ...commonSchema,
    count: z.number().int('--count must be a whole number').positive('--count must be at least 1'),
    rate: z.number().positive('--rate must be above 0').optional(),
    duplicateShare: z.number().max(0.5, '--duplicate-share must be at most 0.5'),
    endWeek: z.string().refine(isValidIsoWeek, '--end-week must be an ISO week like 2025-W14').optional(),
  }),
  z.object({
    mode: z.literal('demo'),
    ...commonSchema,
    historyYears: z.number().min(0, '--history-years must be 0 or more').max(10, '--history-years must be at most 10'),
    liveIntervalMs: z.number().int().min(100, '--live-interval-ms must be at least 100'),
  }),
]);
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

export const SIMULATOR_USAGE = `usage: npm run simulate -- --count N [--seed S] [--rate R] [--bad-share X] [--duplicate-share X]
         [--brokers host:port] [--topic-prefix P] [--areas FILE --population FILE] [--end-week YYYY-Www]
       npm run simulate -- --demo [--history-years 3] [--live-interval-ms 5000] [same broker/area flags]
  Each demo partner's signals go to P.partner.<id> (default P = signals.v1).
environment: KAFKA_BROKERS (default 127.0.0.1:9092, the local broker's plaintext listener),
  KAFKA_USERNAME + KAFKA_PASSWORD_FILE + KAFKA_CA_FILE for SASL_SSL`;

/** A user mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}
/** `--help`: print the usage and stop. */
export class HelpRequested extends Error {}

/** Reads flags and environment once into a validated config. */
export function parseSimulatorConfig(argv: string[], env: NodeJS.ProcessEnv): SimulatorConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        'bad-share': { type: 'string' },
        'duplicate-share': { type: 'string' },
        brokers: { type: 'string' },
        'topic-prefix': { type: 'string' },
        areas: { type: 'string' },
        population: { type: 'string' },
        'end-week': { type: 'string' },
        demo: { type: 'boolean' },
        'history-years': { type: 'string' },
        'live-interval-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    // node:util's messages are long and mention "positional"; keep the gist in one line.
    throw new UsageError(
      (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'bad arguments',
    );
  }
  if (values.help) throw new HelpRequested(SIMULATOR_USAGE);
  if (values.demo && values.count !== undefined) throw new UsageError('use either --count N or --demo, not both');
  if (!values.demo && values.count === undefined)
    throw new UsageError('say how many signals to send with --count N (or run the live demo with --demo)');
  if (values.population !== undefined && values.areas === undefined) {
    throw new UsageError('--population needs --areas too (the wijk map the residents belong to)');
  }
  const brokers = (values.brokers ?? (env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092'))
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const raw = z
    .object({
      count: number('--count').optional(),
      rate: number('--rate').optional(),
      badShare: share('--bad-share').optional(),
      duplicateShare: share('--duplicate-share').optional(),
      historyYears: number('--history-years').optional(),
      liveIntervalMs: number('--live-interval-ms').optional(),
    })
    .safeParse({
      count: values.count,
      rate: values.rate,
      badShare: values['bad-share'],
      duplicateShare: values['duplicate-share'],
      historyYears: values['history-years'],
      liveIntervalMs: values['live-interval-ms'],
    });
  if (!raw.success) throw new UsageError(raw.error.issues[0]?.message ?? 'bad arguments');
  const common = {
    seed: values.seed ?? '1',
    brokers,
    topicPrefix: values['topic-prefix'] ?? SIGNALS_TOPIC_PREFIX,
    kafkaUsername: env.KAFKA_USERNAME,
    kafkaPasswordFile: env.KAFKA_PASSWORD_FILE,
    kafkaCaFile: env.KAFKA_CA_FILE,
    areasFile: values.areas,
    populationFile: values.population,
    connectTimeoutMs: 10_000,
  };
  const parsed = simulatorConfigSchema.safeParse(
    values.demo
      ? {
          mode: 'demo',
          ...common,
          badShare: raw.data.badShare ?? 0.002,
          historyYears: raw.data.historyYears ?? 3,
          liveIntervalMs: raw.data.liveIntervalMs ?? 5000,
        }
      : {
          mode: 'count',
          ...common,
          badShare: raw.data.badShare ?? 0.01,
          count: raw.data.count,
          rate: raw.data.rate,
          duplicateShare: raw.data.duplicateShare ?? 0,
          endWeek: values['end-week'],
        },
  );
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'bad arguments');
  return parsed.data;
}
