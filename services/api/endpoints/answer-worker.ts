import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tagOf } from '../db/cached-json.ts';
import { PerSnapshotCache } from '../db/per-snapshot-cache.ts';
import type { Snapshot } from '../db/snapshot-reader.ts';
import type { DisclosureConfig } from '../disclosure-views/disclosure-settings.ts';
import { workerAnswer, type WorkerRecipe } from './worker-recipes.ts';

/**
 * Entry of the answer worker thread (`db/answer-worker-pool.ts`): makes a costly answer from a snapshot
 * the API is about to serve — query, figures, JSON, gzip and tag — so the API's thread only swaps a
 * pointer. It opens the file read-only itself (its own DuckDB instance, kept until the next snapshot's
 * first job) and sends the bytes back with the gzip's buffer transferred, not copied.
 */
export interface AnswerJob {
  id: number;
  /** The snapshot file's path and what the API read from its meta (the same `Snapshot` it will serve). */
  path: string;
  snapshot: Snapshot;
  recipe: WorkerRecipe;
  /** The API's clock when the warming started: periods and alarm weeks follow it, never this thread's. */
  nowMs: number;
  disclosure: DisclosureConfig;
}

export type AnswerReply =
  { id: number; text: string; gzip: ArrayBuffer; tag: string; computeMs: number } | { id: number; error: string };

let open: { path: string; instance: DuckDBInstance; conn: DuckDBConnection } | null = null;
// Answers shared between recipes of one snapshot (the overview's priority cells), as on the API's thread.
const cache = new PerSnapshotCache(() => true);

async function connectionFor(path: string): Promise<DuckDBConnection> {
  if (open?.path === path) return open.conn;
  if (open) {
    open.conn.closeSync();
    open.instance.closeSync();
    open = null;
  }
  // One thread: the API's own instance and the pipeline need the cores more than this warming does.
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', threads: '1' });
  open = { path, instance, conn: await instance.connect() };
  return open.conn;
}

async function answer(job: AnswerJob): Promise<AnswerReply> {
  const started = performance.now();
  const conn = await connectionFor(job.path);
  const now = () => new Date(job.nowMs);
  const text = await workerAnswer(conn, job.snapshot, { now, disclosure: job.disclosure, cache }, job.recipe);
  const computeMs = performance.now() - started;
  const gz = gzipSync(text);
  // A buffer of its own (not a slice of a pool), so it can be transferred.
  const gzip = gz.byteOffset === 0 && gz.byteLength === gz.buffer.byteLength ? gz.buffer : new Uint8Array(gz).buffer;
  return { id: job.id, text, gzip: gzip as ArrayBuffer, tag: tagOf(text), computeMs };
}

parentPort!.on('message', (job: AnswerJob) => {
  answer(job).then(
    (reply) => parentPort!.postMessage(reply, 'gzip' in reply ? [reply.gzip] : []),
    (error: unknown) =>
      parentPort!.postMessage({ id: job.id, error: String((error as Error).message).split('\n')[0] ?? '' } satisfies AnswerReply),
  );
});
