import { parentPort } from 'node:worker_threads';
import { alarmColumnBuffers } from './alarm-columns.ts';
import { detectBatch, type SeriesBatch } from './detect-batch.ts';
import type { DetectSeriesOptions } from './detect-series.ts';

/** Entry of a detection worker thread (see detection-pool.ts): one batch in, its alarm columns out. */

export interface DetectJob {
  id: number;
  batch: SeriesBatch;
  options: DetectSeriesOptions;
}

parentPort?.on('message', (job: DetectJob) => {
  try {
    const columns = detectBatch(job.batch, job.options);
    parentPort?.postMessage({ id: job.id, columns }, alarmColumnBuffers(columns));
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
