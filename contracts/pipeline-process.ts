/**
 * How the pipeline's process is started, wherever it is started from: `npm start` (services/launcher),
 * `npm run pipeline` (pipelines/start.ts), the bench and the integration tests
 * (tests/support/pipeline-process.ts). These settings must be in place before the process starts, so they
 * cannot be read from its own config; they are a contract between the pipeline and what starts it.
 *
 * - `--max-old-space-size`: without a cap V8 lets per-batch garbage pile up to a few hundred MB before a
 *   full collection (the pipeline's live heap is far smaller: the id filter, the area registry). It caps the
 *   pipeline's own thread; its worker threads have smaller caps of their own (`pipelines/worker-heap.ts`).
 *   PIPELINE_HEAP_MB, default 256.
 * - `--max-semi-space-size`: V8 grows the young generation of a thread that allocates as fast as the
 *   pipeline's does to 64 MB a semi-space (128 MB of new space on Node 24), kept for good. A batch's garbage
 *   dies young in far less: with 8 MB the peak RSS of a 1M catch-up and the detection after it fell by
 *   about 250 MB, at the same CPU per signal (`tests/bench/README.md`).
 * - `MALLOC_ARENA_MAX`: glibc gives every thread that allocates (DuckDB's, the workers') an arena of its
 *   own that it rarely returns; two keep the native heap from growing with the thread count.
 */
export const PIPELINE_ENTRY = 'pipelines/main.ts';

/** MB of each of the pipeline thread's two semi-spaces (its young generation). */
export const PIPELINE_SEMI_SPACE_MB = 8;

export interface PipelineProcess {
  nodeFlags: string[];
  env: Record<string, string>;
}

export function pipelineProcess(env: Readonly<Record<string, string | undefined>>): PipelineProcess {
  const heapMb = Number(env.PIPELINE_HEAP_MB ?? 256);
  if (!Number.isInteger(heapMb) || heapMb < 64)
    throw new Error(`PIPELINE_HEAP_MB must be a whole number of MB, at least 64 (got ${env.PIPELINE_HEAP_MB})`);
  return {
    nodeFlags: [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${PIPELINE_SEMI_SPACE_MB}`],
    env: { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' },
  };
}
