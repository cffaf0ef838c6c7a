import type { ReaderLimitSettings } from '@wijksignaal/api/limits/reader-limit-settings';

/**
 * Per-subject limits that a test sending thousands of requests as one subject never reaches, for tests
 * about something else (hostile input, swaps under load, HEAD): a 429 there would hide what they check.
 * The limits themselves are tested in services/api/limits/.
 */
export const ROOMY_READER_LIMITS: ReaderLimitSettings = {
  dataPerMinute: 1_000_000,
  exportsPerMinute: 1_000_000,
  concurrentExports: 1_000,
  streams: 1_000,
};

/** The same as environment variables, for an API started as a process (tests/support/stack.ts). */
export const ROOMY_READER_LIMITS_ENV: Record<string, string> = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  EXPORT_RATE_LIMIT_PER_MINUTE: '10000',
  EXPORT_MAX_CONCURRENT: '100',
  SSE_MAX_STREAMS: '100',
};
