import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { RememberedAnswers } from '../http/remembered-answers.ts';
import type { PerSnapshotCache } from './per-snapshot-cache.ts';
import type { BeforeSwapHook } from './snapshot-reader.ts';

export interface AnswerWarmerOptions {
  cache: PerSnapshotCache;
  answers: RememberedAnswers;
  now: () => Date;
  /** At most this many answers per swap, the most recently asked ones (the fast path remembers 256). */
  maxAnswers?: number;
  /**
   * Only answers that took at least this long to make: a series (usually a few ms) is cheap on request, the
   * national overview (hundreds of ms) is not, and every answer made ahead delays the swap.
   */
  minComputeMs?: number;
  /** Starts no answer after this long, so a swap waits about this much at most (the rest are made on request). */
  budgetMs?: number;
  log?: (line: string) => void;
}

/**
 * The answers being asked for, made from the next snapshot before the API swaps to it (the reader's
 * `beforeSwap`): each costly remembered answer of the current snapshot, most recently asked first, is
 * made again with its recipe
 * (PerSnapshotCache.answer), gzipped and tagged, and put where the first request on the new snapshot finds
 * it, in the cache and in the fast path's remembered answers. While the pipeline publishes about once a
 * second, the national overview is then never computed on the request path after a swap; requests keep
 * being answered from the old snapshot meanwhile. Answers of other routes with recipes (series, areas…)
 * are warmed the same way. `warmed` counts the answers made.
 */
export function answerWarmer(options: AnswerWarmerOptions): { hook: BeforeSwapHook; warmed: () => number } {
  const maxAnswers = options.maxAnswers ?? 8;
  const minComputeMs = options.minComputeMs ?? 50;
  const budgetMs = options.budgetMs ?? 1_000;
  let warmed = 0;
  const hook: BeforeSwapHook = async (next) => {
    const week = isoWeekFromDate(options.now());
    const wanted = options.answers
      .current(week)
      .filter(([, a]) => a.body.recipe !== undefined && a.body.computeMs >= minComputeMs)
      .slice(-maxAnswers)
      .reverse();
    if (wanted.length === 0) return;
    options.cache.prepare(next.snapshot);
    const deadline = performance.now() + budgetMs;
    for (const [target, answer] of wanted) {
      if (performance.now() > deadline) break;
      try {
        const body = await next.withSnapshot((conn, snap) => options.cache.warm(conn, snap, answer.body.recipe!));
        options.answers.prepare(target, { ...answer, body, snapshotFile: next.snapshot.fileName, week });
        warmed++;
      } catch (error) {
        // A request on the new snapshot makes it (and answers any problem) as it would have without the warmer.
        options.log?.(`warming ${answer.route} for ${next.snapshot.fileName} failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  };
  return { hook, warmed: () => warmed };
}
