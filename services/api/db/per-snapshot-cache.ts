import type { DuckDBConnection } from '@duckdb/node-api';
import type { WorkerRecipe } from '../endpoints/worker-recipes.ts';
import { CachedJson, type AnswerRecipe } from './cached-json.ts';
import type { SnapshotInfo } from './open-snapshot-file.ts';
import type { Snapshot, SnapshotReader } from './snapshot-reader.ts';

/**
 * Remembers answers for the snapshot currently being served. Dashboards refetch the same views right after
 * every swap, so identical requests share one query (also while it is still running) instead of each
 * scanning the cube. Everything is dropped when a newer snapshot arrives; requests still finishing on an
 * older snapshot compute without caching.
 */
export class PerSnapshotCache {
  readonly #isCurrent: (snap: SnapshotInfo) => boolean;
  readonly #maxEntries: number;
  #fileName: string | null = null;
  #entries = new Map<string, Promise<unknown>>();
  /** Answers made for the snapshot about to be swapped in (`prepare`), adopted when it becomes current. */
  #next: { fileName: string; entries: Map<string, Promise<unknown>> } | null = null;
  /** Answers computed because a request asked for one not known yet (not before a swap). */
  #computedOnRequest = 0;

  /** Told when an answer that a worker thread can make is first made here (the app starts its worker then). */
  readonly #onWorkerRecipe: (() => void) | undefined;

  constructor(isCurrent: (snap: SnapshotInfo) => boolean, maxEntries = 32, onWorkerRecipe?: () => void) {
    this.#isCurrent = isCurrent;
    this.#maxEntries = maxEntries;
    this.#onWorkerRecipe = onWorkerRecipe;
  }

  /** How many answers requests had to wait for a computation of (answer()'s misses): the warmer's gauge. */
  get computedOnRequest(): number {
    return this.#computedOnRequest;
  }

  /**
   * Starts remembering answers for `snap` before it is current: the answer warmer fills it while the
   * previous snapshot is still served, and the first request on the new one finds them.
   */
  prepare(snap: SnapshotInfo): void {
    if (snap.fileName !== this.#fileName && snap.fileName !== this.#next?.fileName)
      this.#next = { fileName: snap.fileName, entries: new Map() };
  }

  get<T>(snap: SnapshotInfo, key: string, compute: () => Promise<T>): Promise<T> {
    const entries = this.#entriesFor(snap);
    if (!entries) return compute();
    const hit = this.#hit<T>(entries, key);
    if (hit) return hit;
    const pending = compute();
    entries.set(key, pending);
    pending.catch(() => {
      if (entries.get(key) === pending) entries.delete(key);
    });
    for (const oldest of entries.keys()) {
      if (entries.size <= this.#maxEntries) break;
      entries.delete(oldest);
    }
    return pending;
  }

  /** The entries of `snap`: current, being prepared, or none (an older snapshot is not cached). */
  #entriesFor(snap: SnapshotInfo): Map<string, Promise<unknown>> | null {
    if (snap.fileName === this.#fileName) return this.#entries;
    const next = this.#next?.fileName === snap.fileName ? this.#next : null;
    if (!this.#isCurrent(snap)) return next ? next.entries : null;
    // It became current: what was prepared for it is what is known now; the older answers go.
    this.#fileName = snap.fileName;
    this.#entries = next ? next.entries : new Map();
    if (next) this.#next = null;
    return this.#entries;
  }

  #hit<T>(entries: Map<string, Promise<unknown>>, key: string): Promise<T> | undefined {
    const hit = entries.get(key) as Promise<T> | undefined;
    if (hit) {
      // Most recently used goes to the back, so eviction takes the least recently used.
      entries.delete(key);
      entries.set(key, hit);
    }
    return hit;
  }

  /**
   * A route's JSON answer for the current snapshot. A hit (or an answer still being computed) needs no
   * database connection: only a miss takes one from the snapshot's small pool, so requests waiting for the
   * same answer, or asking for one already known, never hold connections other requests need. The answer
   * carries its recipe, so the warmer can make it again for the next snapshot; `worker` names the same
   * answer as data for a costly one, so the warmer makes it on its worker thread.
   */
  answer(
    snapshots: Pick<SnapshotReader, 'current' | 'withSnapshot'>,
    key: string,
    serialise: (conn: DuckDBConnection, snap: Snapshot) => Promise<string>,
    worker?: WorkerRecipe,
  ): Promise<CachedJson> {
    const current = snapshots.current();
    const entries = current ? this.#entriesFor(current) : null;
    const hit = entries ? this.#hit<CachedJson>(entries, key) : undefined;
    if (hit) return hit;
    return snapshots.withSnapshot((conn, snap) => {
      const recipe: AnswerRecipe = worker ? { key, serialise, worker } : { key, serialise };
      return this.get(snap, key, async () => {
        this.#computedOnRequest++;
        if (worker) this.#onWorkerRecipe?.();
        const started = performance.now();
        const text = await serialise(conn, snap);
        return new CachedJson(text, snap.fileName, recipe, performance.now() - started);
      });
    });
  }

  /** Makes `recipe`'s answer for a snapshot being prepared, gzipped and tagged, unless it is known already. */
  warm(conn: DuckDBConnection, snap: Snapshot, recipe: AnswerRecipe): Promise<CachedJson> {
    return this.get(snap, recipe.key, async () => {
      const started = performance.now();
      const text = await recipe.serialise(conn, snap);
      const json = new CachedJson(text, snap.fileName, recipe, performance.now() - started);
      await json.gzipped();
      json.etag('gzip');
      return json;
    });
  }
}
