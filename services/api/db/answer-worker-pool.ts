import { Worker } from 'node:worker_threads';
import type { AnswerJob, AnswerReply } from '../endpoints/answer-worker.ts';
import type { WorkerRecipe } from '../endpoints/worker-recipes.ts';
import type { DisclosureConfig } from '../disclosure-views/disclosure-settings.ts';
import { CachedJson, type AnswerRecipe } from './cached-json.ts';
import { QueryTimeoutError } from './query-timeout.ts';
import type { NextSnapshot } from './snapshot-reader.ts';

export interface AnswerWorker {
  /**
   * Makes `recipe`'s answer from the snapshot file at `path` on the worker thread, gzipped and tagged;
   * rejects with QueryTimeoutError when it takes longer than the snapshot's query timeout.
   */
  make(
    next: Pick<NextSnapshot, 'path' | 'snapshot' | 'queryTimeoutMs'>,
    recipe: AnswerRecipe & { worker: WorkerRecipe },
    nowMs: number,
  ): Promise<CachedJson>;
  /**
   * Starts the thread (if not running) without a job, so its modules are loaded before the first swap
   * needs it: a cold start took longer than the warmer's budget.
   */
  warmUp(): void;
  /** Ends the worker; answers still being made are rejected. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('../endpoints/answer-worker.ts', import.meta.url);

interface Pending {
  resolve(reply: AnswerReply): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * One worker thread (`endpoints/answer-worker.ts`) that makes the answer warmer's costly answers, so a
 * snapshot swap costs the API's thread a message and a pointer instead of hundreds of ms of figures, JSON,
 * gzip and hashing. Started on first use or `warmUp`, unref'd while idle; a worker that died is replaced on the next
 * job (its jobs are rejected, and the warmer then makes them on the API's thread). So is one whose job outlived
 * the query timeout: the swap waits for the warmer, and a stuck thread must not hold the API on an old snapshot.
 */
export function answerWorker(disclosure: DisclosureConfig): AnswerWorker {
  let thread: Thread | null = null;
  let nextId = 0;

  function start(): Thread {
    const w = new Worker(WORKER_URL);
    // Each thread's own jobs: a thread that ends rejects only those, never the jobs of its successor.
    const started: Thread = { worker: w, pending: new Map() };
    const { pending } = started;
    w.unref();
    w.on('message', (reply: AnswerReply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      job?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (thread === started) thread = null;
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the answer worker exited (${code})`)));
    return started;
  }

  return {
    async make(next, recipe, nowMs) {
      const current = (thread ??= start());
      const { worker: w, pending } = current;
      const id = nextId++;
      const reply = await new Promise<AnswerReply>((resolve, reject) => {
        const deadline = setTimeout(() => {
          pending.delete(id);
          reject(new QueryTimeoutError(next.queryTimeoutMs));
          if (thread === current) thread = null;
          void w.terminate();
        }, next.queryTimeoutMs);
        const settle =
          <T>(then: (value: T) => void) =>
          (value: T) => {
            clearTimeout(deadline);
            then(value);
          };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
        w.ref();
        w.postMessage({
          id,
          path: next.path,
          snapshot: next.snapshot,
          recipe: recipe.worker,
          nowMs,
          disclosure,
        } satisfies AnswerJob);
      });
      if ('error' in reply) throw new Error(`answer worker: ${reply.error}`);
      return new CachedJson(reply.text, next.snapshot.fileName, recipe, reply.computeMs, {
        gzip: Buffer.from(reply.gzip),
        tag: reply.tag,
      });
    },
    warmUp() {
      thread ??= start();
    },
    async close() {
      const closing = thread;
      thread = null;
      if (closing) await closing.worker.terminate();
    },
  };
}
