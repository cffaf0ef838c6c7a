import { Worker } from 'node:worker_threads';
import { validatePartnerSignal } from '@wijksignaal/domain/validate/validate-partner-signal';
import type { Validation, ValidationContext } from '@wijksignaal/domain/validate/validate-signal';
import { packValues } from './packed-values.ts';
import { decodeValidations, type ValidationColumns, type Verdict } from './validation-columns.ts';
import type { ValidateJob } from './validate-worker.ts';
import { validationSetupOf } from './validation-setup.ts';

/**
 * Validates one partition batch's values: one verdict per value, in order; a worker adds to an accepted
 * signal what it derived from it (`Derived`).
 */
export type ValidateBatch = (
  values: readonly (Uint8Array | null)[],
  ctx: ValidationContext,
  topicPartner: string | null,
) => Promise<Verdict[]>;

export interface ValidationPool {
  validate: ValidateBatch;
  readonly size: number;
  /** Ends the workers; batches still being validated are rejected. */
  close(): Promise<void>;
}

/** On the calling thread: what the workers do, for small batches and for callers without a pool. */
export const validateInline = (
  values: readonly (Uint8Array | null)[],
  ctx: ValidationContext,
  topicPartner: string | null,
): Promise<Validation[]> => Promise.resolve(values.map((value) => validatePartnerSignal(value, ctx, topicPartner)));

/** Below this many messages the hop to a worker costs more than validating here. */
const INLINE_BELOW = 64;

type Reply = { id: number; columns: ValidationColumns } | { id: number; error: string };

interface Pending {
  resolve(results: Verdict[]): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL('./validate-worker.ts', import.meta.url);

/**
 * Worker threads that validate partition batches (`validate-worker.ts`), so that the pipeline's thread
 * decodes, deduplicates and commits one batch while another is validated: validation is the largest
 * per-message cost (about 9 µs a signal) and pure. The workers check against `ctx` as it is now — its
 * partners, areas and retention are fixed for the pipeline's life — and each batch brings the current
 * week of the context it is validated with, so the clock stays the pipeline's. Verdicts are the same as
 * `validatePartnerSignal`'s on this thread (tested). The first worker starts with the pool; idle workers are
 * unref'd.
 */
export function createValidationPool(ctx: ValidationContext, recordKeySecret: string, size = 1): ValidationPool {
  const setup = validationSetupOf(ctx, recordKeySecret);
  const workers: Worker[] = [];
  const pendingOf = new Map<Worker, Map<number, Pending>>();
  let nextId = 0;

  function start(): Worker {
    const worker = new Worker(WORKER_URL, { workerData: setup });
    const pending = new Map<number, Pending>();
    pendingOf.set(worker, pending);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if ('error' in reply) job?.reject(new Error(`validation worker: ${reply.error}`));
      else job?.resolve(decodeValidations(reply.columns));
    });
    const fail = (error: Error) => {
      // A worker that died takes its batches with it (their handlers fail and kafkajs retries them); the
      // next batch starts a fresh worker in its place.
      for (const job of pending.values()) job.reject(error);
      pending.clear();
      pendingOf.delete(worker);
      workers.splice(workers.indexOf(worker), 1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (pendingOf.has(worker)) fail(new Error(`validation worker exited with code ${code}`));
    });
    return worker;
  }

  /** The worker with the fewest batches waiting, starting one while there are fewer than `size`. */
  function leastBusy(): Worker {
    const idle = workers.find((w) => pendingOf.get(w)!.size === 0);
    if (idle) return idle;
    if (workers.length < size) {
      const worker = start();
      workers.push(worker);
      return worker;
    }
    return workers.reduce((a, b) => (pendingOf.get(b)!.size < pendingOf.get(a)!.size ? b : a));
  }

  // One worker now, not at the first batch of INLINE_BELOW or more: a cold worker loads its modules and
  // the area registry first, which took over 3 s on a busy two-core machine, and the first large batches
  // of a fresh pipeline (with the signals of the steady stream waiting in them) waited for it.
  workers.push(start());

  return {
    size,
    validate(values, batchCtx, topicPartner) {
      if (values.length < INLINE_BELOW) return validateInline(values, batchCtx, topicPartner);
      const worker = leastBusy();
      const pending = pendingOf.get(worker)!;
      const id = nextId++;
      const packed = packValues(values);
      return new Promise<Verdict[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        const job: ValidateJob = { id, packed, topicPartner, currentWeek: batchCtx.currentWeek };
        worker.postMessage(job, [packed.bytes.buffer as ArrayBuffer, packed.bounds.buffer as ArrayBuffer]);
      });
    },
    async close() {
      const all = workers.splice(0);
      for (const worker of all) pendingOf.delete(worker);
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
