import { isoWeekFromDate } from '@wijksignaal/contracts/iso-week';
import type { RememberedAnswers } from '../http/remembered-answers.ts';
import type { AnswerWorker } from './answer-worker-pool.ts';
import type { CachedJson } from './cached-json.ts';
import type { PerSnapshotCache } from './per-snapshot-cache.ts';
import type { BeforeSwapHook, NextSnapshot } from './snapshot-reader.ts';

export interface AnswerWarmerOptions {
  cache: PerSnapshotCache;
  answers: RememberedAnswers;
  now: () => Date;
  /** Makes the answers whose recipe names a worker recipe off the API's thread; absent: all on it. */
  worker?: AnswerWorker;
  /** At most this many answers per swap, the most recently asked ones (the fast path remembers 256). */
  maxAnswers?: number;
  /**
   * Only answers that took at least this long to make, of those made on this thread: a series (usually a
   * few ms) is cheap on request, the national overview (hundreds of ms) is not, and every answer made
   * ahead delays the swap. Answers with a worker recipe are made ahead whatever they cost.
   */
  minComputeMs?: number;
  /** Starts no answer after this long, so a swap waits about this much at most (the rest are made on request). */
  budgetMs?: number;
  log?: (line: string) => void;
}

export interface AnswerWarmer {
  hook: BeforeSwapHook;
  /** Answers made before a swap, on any thread. */
  warmed: () => number;
  /** Of those, the ones the worker thread made (the API's thread only received their bytes). */
  warmedInWorker: () => number;
}

/**
 * The answers being asked for, made from the next snapshot before the API swaps to it (the reader's
 * `beforeSwap`): each costly remembered answer of the current snapshot, most recently asked first, is
 * made again with its recipe (PerSnapshotCache.answer), gzipped and tagged, and put where the first request
 * on the new snapshot finds it, in the cache and in the fast path's remembered answers. While the pipeline
 * publishes about once a second, the national overview is then never computed on the request path after a
 * swap; requests keep being answered from the old snapshot meanwhile. A recipe that names a worker recipe
 * (the overview, the map) is made on the answer worker's thread, so the swap does not block the event
 * loop for the hundreds of ms its figures, JSON, gzip and hash take; should the worker fail, on this one.
 */
export function answerWarmer(options: AnswerWarmerOptions): AnswerWarmer {
  const maxAnswers = options.maxAnswers ?? 8;
  const minComputeMs = options.minComputeMs ?? 50;
  const budgetMs = options.budgetMs ?? 1_000;
  let warmed = 0;
  let warmedInWorker = 0;

  async function make(next: NextSnapshot, body: CachedJson, nowMs: number): Promise<CachedJson> {
    const recipe = body.recipe!;
    const { worker } = options;
    if (worker && recipe.worker) {
      const made = await options.cache
        .get(next.snapshot, recipe.key, () => worker.make(next, { ...recipe, worker: recipe.worker! }, nowMs))
        .then(
          (json) => ({ json }),
          (error: unknown) => ({ error: error as Error }),
        );
      if ('json' in made) {
        warmedInWorker++;
        return made.json;
      }
      options.log?.(`warming ${recipe.key} in the worker failed: ${made.error.message.split('\n')[0]}; making it here`);
    }
    return next.withSnapshot((conn, snap) => options.cache.warm(conn, snap, recipe));
  }

  const hook: BeforeSwapHook = async (next) => {
    const nowMs = options.now().getTime();
    const week = isoWeekFromDate(new Date(nowMs));
    const wanted = options.answers
      .current(week)
      // The worker's answers cost this thread nothing to make, so cheap ones (a series) are made ahead too.
      .filter(
        ([, a]) => a.body.recipe !== undefined && (a.body.computeMs >= minComputeMs || (options.worker && a.body.recipe.worker)),
      )
      .slice(-maxAnswers)
      .reverse();
    if (wanted.length === 0) return;
    options.cache.prepare(next.snapshot);
    const deadline = performance.now() + budgetMs;
    for (const [target, answer] of wanted) {
      if (performance.now() > deadline) break;
      try {
        const body = await make(next, answer.body, nowMs);
        options.answers.prepare(target, { ...answer, body, snapshotFile: next.snapshot.fileName, week });
        warmed++;
      } catch (error) {
        // A request on the new snapshot makes it (and answers any problem) as it would have without the warmer.
        options.log?.(`warming ${answer.route} for ${next.snapshot.fileName} failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  };
  return { hook, warmed: () => warmed, warmedInWorker: () => warmedInWorker };
}
