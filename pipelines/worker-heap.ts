import type { ResourceLimits } from 'node:worker_threads';

/**
 * The V8 heap of each of the pipeline's worker threads (validation, detection). Without limits of its own a
 * worker takes the process's `--max-old-space-size` (PIPELINE_HEAP_MB, sized for the pipeline's thread and
 * its id filter) and lets garbage grow towards it: the validation worker held about 150 MB of heap for
 * 12 MB of live objects. A job's objects are bounded, not the data's size: a validation job is one
 * partition fetch (at most 2 MB of messages), a detection job at most 400 series of the retention
 * window. A worker that still runs out ends with ERR_WORKER_OUT_OF_MEMORY; its jobs fail and are retried on
 * a fresh worker (the pools' `fail`).
 */
export const WORKER_HEAP: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
