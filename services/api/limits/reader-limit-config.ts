import type { z } from 'zod';
import { wholeNumberSetting } from '../whole-number-setting.ts';
import { DEFAULT_READER_LIMITS, type ReaderLimitSettings } from './reader-limit-settings.ts';

/** The API's environment variables for per-subject limits; config.ts spreads them into its schema. */
export const READER_LIMIT_ENV = {
  RATE_LIMIT_PER_MINUTE: wholeNumberSetting('requests', 10, 1_000_000).default(DEFAULT_READER_LIMITS.dataPerMinute),
  EXPORT_RATE_LIMIT_PER_MINUTE: wholeNumberSetting('exports', 1, 10_000).default(DEFAULT_READER_LIMITS.exportsPerMinute),
  EXPORT_MAX_CONCURRENT: wholeNumberSetting('exports', 1, 100).default(DEFAULT_READER_LIMITS.concurrentExports),
  SSE_MAX_STREAMS: wholeNumberSetting('streams', 1, 100).default(DEFAULT_READER_LIMITS.streams),
};

type ReaderLimitEnv = z.output<z.ZodObject<typeof READER_LIMIT_ENV>>;

export function readerLimitConfig(env: ReaderLimitEnv): ReaderLimitSettings {
  return {
    dataPerMinute: env.RATE_LIMIT_PER_MINUTE,
    exportsPerMinute: env.EXPORT_RATE_LIMIT_PER_MINUTE,
    concurrentExports: env.EXPORT_MAX_CONCURRENT,
    streams: env.SSE_MAX_STREAMS,
  };
}

export const READER_LIMIT_USAGE = `  Per subject (token sub or API key): RATE_LIMIT_PER_MINUTE data requests (default ${DEFAULT_READER_LIMITS.dataPerMinute}),
  EXPORT_RATE_LIMIT_PER_MINUTE (default ${DEFAULT_READER_LIMITS.exportsPerMinute}), EXPORT_MAX_CONCURRENT (default ${DEFAULT_READER_LIMITS.concurrentExports}) and SSE_MAX_STREAMS (default ${DEFAULT_READER_LIMITS.streams}).`;
