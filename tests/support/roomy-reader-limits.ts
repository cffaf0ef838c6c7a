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
