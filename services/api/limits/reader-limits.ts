import { ProblemError } from '../http/problem.ts';
import type { LimitKind } from './operation-limits.ts';
import type { ReaderLimitSettings } from './reader-limit-settings.ts';
import { tokenBuckets, type TokenBuckets } from './token-buckets.ts';

/** Frees what an admitted request holds (nothing for a rate alone); safe to call more than once. */
export type Release = () => void;

/** The per-subject limits of one running API, created by createApp and handed to every request. */
export interface ReaderLimits {
  /** Admits one request of `kind` for `subject`, or throws the 429 problem that says how long to wait. */
  admit(kind: Exclude<LimitKind, 'none'>, subject: string): Release;
}

const nothingHeld: Release = () => {};

export function createReaderLimits(settings: ReaderLimitSettings, now: () => Date): ReaderLimits {
  const perMinute = (limit: number) => tokenBuckets(limit / 60, limit);
  const data = perMinute(settings.dataPerMinute);
  const exports = perMinute(settings.exportsPerMinute);

  const take = (buckets: TokenBuckets, subject: string, refusal: (waitSeconds: number) => string) => {
    const wait = buckets.take(subject, now().getTime());
    if (wait > 0) throw tooMany(refusal(wait), wait);
  };

  return {
    admit(kind, subject) {
      if (kind === 'export') {
        take(
          exports,
          subject,
          (wait) =>
            `more than ${settings.exportsPerMinute} exports a minute with these credentials; wait ${wait} s (Retry-After) before the next one`,
        );
      } else {
        take(
          data,
          subject,
          (wait) =>
            `more than ${settings.dataPerMinute} requests a minute with these credentials; wait ${wait} s (Retry-After) and fetch less often`,
        );
      }
      return nothingHeld;
    },
  };
}

function tooMany(detail: string, retryAfterSeconds: number): ProblemError {
  return new ProblemError(429, detail, {}, { 'Retry-After': String(retryAfterSeconds) });
}
