import type { DuckDBConnection } from '@duckdb/node-api';
import { CachedJson } from './cached-json.ts';
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
  readonly #entries = new Map<string, Promise<unknown>>();

  constructor(isCurrent: (snap: SnapshotInfo) => boolean, maxEntries = 32) {
    this.#isCurrent = isCurrent;
    this.#maxEntries = maxEntries;
  }

  get<T>(snap: SnapshotInfo, key: string, compute: () => Promise<T>): Promise<T> {
    if (snap.fileName !== this.#fileName) {
      if (!this.#isCurrent(snap)) return compute();
      this.#fileName = snap.fileName;
      this.#entries.clear();
    }
    const hit = this.#hit<T>(key);
    if (hit) return hit;
    const pending = compute();
    this.#entries.set(key, pending);
    pending.catch(() => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
    return pending;
  }

  #hit<T>(key: string): Promise<T> | undefined {
    const hit = this.#entries.get(key) as Promise<T> | undefined;
    if (hit) {
      // Most recently used goes to the back, so eviction takes the least recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /**
   * A route's JSON answer for the current snapshot. A hit (or an answer still being computed) needs no
   * database connection: only a miss takes one from the snapshot's small pool, so requests waiting for the
   * same answer, or asking for one already known, never hold connections other requests need.
   */
  answer(
    snapshots: Pick<SnapshotReader, 'current' | 'withSnapshot'>,
    key: string,
    serialise: (conn: DuckDBConnection, snap: Snapshot) => Promise<string>,
  ): Promise<CachedJson> {
    const current = snapshots.current();
    if (current && current.fileName === this.#fileName) {
      const hit = this.#hit<CachedJson>(key);
      if (hit) return hit;
    }
    return snapshots.withSnapshot((conn, snap) => this.json(snap, key, () => serialise(conn, snap)));
  }

  /** A JSON answer: serialised once, and compressed once for every client that accepts gzip. */
  json(snap: SnapshotInfo, key: string, serialise: () => Promise<string>): Promise<CachedJson> {
    return this.get(snap, key, async () => new CachedJson(await serialise(), snap.fileName));
  }
}
