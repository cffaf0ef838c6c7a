import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AlarmColumns } from './alarm-columns.ts';
import type { SeriesBatch } from './detect-batch.ts';
import type { DetectSeriesOptions } from './detect-series.ts';
import type { DetectJob } from './detect-worker.ts';

/**
 * Worker threads that run detection (`detect-worker.ts`), one per core: a national run is seconds of
 * pure CPU that would otherwise hold the pipeline's event loop (Kafka heartbeats, batch commits) and use
 * one core of several. Workers are started on first use and kept; while idle they are unref'd, so they
 * never keep a process alive that has nothing else to do.
 */

export interface DetectionPool {
  detect(batch: SeriesBatch, options: DetectSeriesOptions): Promise<AlarmColumns>;
  readonly size: number;
  /** Ends the workers; jobs still running are rejected. */
  close(): Promise<void>;
}

interface Pending {
  resolve(columns: AlarmColumns): void;
  reject(error: Error): void;
}

type Reply = { id: number; columns: AlarmColumns } | { id: number; error: string };

const WORKER_URL = new URL('./detect-worker.ts', import.meta.url);

/** One per process that detects (the pipeline makes it and passes it down): more threads than cores only compete. */
export function createDetectionPool(size = availableParallelism()): DetectionPool {
  const workers: Worker[] = [];
  const busy = new Map<Worker, Map<number, Pending>>();
  let nextId = 0;
  let turn = 0;

  function start(): Worker {
    const worker = new Worker(WORKER_URL);
    const pending = new Map<number, Pending>();
    busy.set(worker, pending);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
      if ('error' in reply) job?.reject(new Error(`detection worker: ${reply.error}`));
      else job?.resolve(reply.columns);
    });
    const fail = (error: Error) => {
      // A worker that died takes its jobs with it; the next job starts a fresh one in its place.
      for (const job of pending.values()) job.reject(error);
      pending.clear();
      busy.delete(worker);
      workers.splice(workers.indexOf(worker), 1);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (busy.has(worker)) fail(new Error(`detection worker exited with code ${code}`));
    });
    return worker;
  }

  return {
    size,
    detect(batch, options) {
      if (workers.length < size) workers.push(start());
      // Round robin: batches are of equal size, so the workers' queues stay level.
      const worker = workers[turn++ % workers.length] as Worker;
      const pending = busy.get(worker) as Map<number, Pending>;
      const id = nextId++;
      return new Promise<AlarmColumns>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        const job: DetectJob = { id, batch, options };
        worker.postMessage(job);
      });
    },
    async close() {
      const all = workers.splice(0);
      for (const worker of all) busy.delete(worker);
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
