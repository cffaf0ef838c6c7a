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
 * - `MALLOC_ARENA_MAX`: glibc gives every thread that allocates (DuckDB's, the workers') an arena of its
 *   own that it rarely returns; two keep the native heap from growing with the thread count.
 */
export const PIPELINE_ENTRY = 'pipelines/main.ts';

export interface PipelineProcess {
  nodeFlags: string[];
  env: Record<string, string>;
}

export function pipelineProcess(env: Readonly<Record<string, string | undefined>>): PipelineProcess {
  const heapMb = Number(env.PIPELINE_HEAP_MB ?? 256);
  if (!Number.isInteger(heapMb) || heapMb < 64)
    throw new Error(`PIPELINE_HEAP_MB must be a whole number of MB, at least 64 (got ${env.PIPELINE_HEAP_MB})`);
  return {
    nodeFlags: [`--max-old-space-size=${heapMb}`],
    env: { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' },
  };
}
