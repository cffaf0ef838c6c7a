import { ProblemError } from '../http/problem.ts';
import { concurrencySlots, type Release } from './concurrency-slots.ts';
import type { LimitKind } from './operation-limits.ts';
import type { ReaderLimitSettings } from './reader-limit-settings.ts';
import { tokenBuckets } from './token-buckets.ts';

/** The per-subject limits of one running API, created by createApp and handed to every request. */
export interface ReaderLimits {
  /**
   * Admits one request of `kind` for `subject`, or throws the 429 problem that says how long to wait. For an
   * export or a stream it returns the release of the slot it holds until its body ends.
   */
  admit(kind: Exclude<LimitKind, 'none'>, subject: string): Release | undefined;
}

// When a slot frees is not known: an export is usually sent within seconds, a stream ends when its tab closes.
const EXPORT_BUSY_RETRY_SECONDS = 5;
const STREAM_BUSY_RETRY_SECONDS = 30;

export function createReaderLimits(settings: ReaderLimitSettings, now: () => Date): ReaderLimits {
  const perMinute = (limit: number, refusal: (waitSeconds: number) => string) => {
    const buckets = tokenBuckets(limit / 60, limit);
    return (subject: string) => {
      const wait = buckets.take(subject, now().getTime());
      if (wait > 0) throw tooMany(refusal(wait), wait);
    };
  };
  const slots = (max: number, refusal: string, retryAfterSeconds: number) => {
    const held = concurrencySlots(max);
    return (subject: string): Release => {
      const release = held.tryAcquire(subject);
      if (!release) throw tooMany(refusal, retryAfterSeconds);
      return release;
    };
  };

  const dataRate = perMinute(
    settings.dataPerMinute,
    (wait) =>
      `more than ${settings.dataPerMinute} requests a minute with these credentials; wait ${wait} s (Retry-After) and fetch less often`,
  );
  const exportRate = perMinute(
    settings.exportsPerMinute,
    (wait) =>
      `more than ${settings.exportsPerMinute} exports a minute with these credentials; wait ${wait} s (Retry-After) before the next one`,
  );
  const exportSlot = slots(
    settings.concurrentExports,
    `${settings.concurrentExports} exports with these credentials are still being made or sent; wait for one to finish, or retry after ${EXPORT_BUSY_RETRY_SECONDS} s`,
    EXPORT_BUSY_RETRY_SECONDS,
  );
  const streamSlot = slots(
    settings.streams,
    `${settings.streams} snapshot-event streams are already open with these credentials; close one (a browser tab) or retry after ${STREAM_BUSY_RETRY_SECONDS} s`,
    STREAM_BUSY_RETRY_SECONDS,
  );

  return {
    admit(kind, subject) {
      switch (kind) {
        case 'data':
          dataRate(subject);
          return undefined;
        case 'stream':
          dataRate(subject);
          return streamSlot(subject);
        case 'export':
          exportRate(subject);
          return exportSlot(subject);
      }
    },
  };
}

function tooMany(detail: string, retryAfterSeconds: number): ProblemError {
  return new ProblemError(429, detail, {}, { 'Retry-After': String(retryAfterSeconds) });
}
