import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';
import { NoSnapshotError } from './no-snapshot-error.ts';
import { openSnapshotFile, type OpenSnapshotFile, type SnapshotInfo } from './open-snapshot-file.ts';
import { DEFAULT_QUERY_TIMEOUT_MS, withQueryTimeout } from './query-timeout.ts';
import { watchLatestPointer } from './watch-latest-pointer.ts';

export type { SnapshotInfo } from './open-snapshot-file.ts';

export interface Snapshot extends SnapshotInfo {
  /** When this API process started serving it. */
  openedAt: Date;
}

export interface SnapshotReaderOptions {
  /** The directory the pipeline publishes `serving-*.duckdb` files and `LATEST` into. */
  dir: string;
  /** Fallback poll interval for `LATEST`, for file systems where fs.watch misses renames. */
  pollMs?: number;
  /** DuckDB threads per snapshot instance. */
  threads?: number;
  /** Connections per snapshot instance. */
  poolSize?: number;
  /** How long one `withSnapshot` may query before it is interrupted (QUERY_TIMEOUT_MS, default 10 s). */
  queryTimeoutMs?: number;
  /** One line per problem (unreadable snapshot); defaults to stderr. */
  log?: (line: string) => void;
}

export type SwapListener = (snapshot: Snapshot) => void;

/** A snapshot opened but not yet served: what a `beforeSwap` hook may query. */
export interface NextSnapshot {
  snapshot: Snapshot;
  /** The file's path, for a worker thread that opens it itself (db/answer-worker-pool.ts). */
  path: string;
  /** How long its queries may run (QUERY_TIMEOUT_MS): `withSnapshot` keeps to it, and so does the worker. */
  queryTimeoutMs: number;
  withSnapshot<T>(fn: (conn: DuckDBConnection, snap: Snapshot) => Promise<T>): Promise<T>;
}

/**
 * Runs after a new snapshot is opened and before requests are sent to it (the API warms the answers being
 * asked for, so no request pays for computing them after the swap). A hook that fails is logged; the swap
 * happens all the same.
 */
export type BeforeSwapHook = (next: NextSnapshot) => Promise<void>;

export interface SnapshotReader {
  /** The snapshot new requests will read, or null before the first one is published. */
  current(): Snapshot | null;
  /**
   * Runs `fn` against the current snapshot. The snapshot stays open until `fn` settles, even when a newer
   * one is swapped in meanwhile. Throws NoSnapshotError before the first snapshot, and QueryTimeoutError when
   * `fn` queries longer than the timeout (its connection goes back to the pool, interrupted but usable).
   */
  withSnapshot<T>(fn: (conn: DuckDBConnection, snap: Snapshot) => Promise<T>): Promise<T>;
  /** Called after each swap; returns a function that unsubscribes. */
  onSwap(listener: SwapListener): () => void;
  /** Awaited before each swap (see BeforeSwapHook); returns a function that unsubscribes. */
  beforeSwap(hook: BeforeSwapHook): () => void;
  /** Looks at `LATEST` now instead of waiting for the watcher or the poll. */
  refresh(): Promise<void>;
  /** Stops watching; resolves once every snapshot instance is closed (after in-flight work ends). */
  close(): Promise<void>;
}

interface Entry {
  snapshot: Snapshot;
  file: OpenSnapshotFile;
  refs: number;
  retired: boolean;
}

const SNAPSHOT_NAME = /^serving-\d{8}\.duckdb$/;

/**
 * Serves the newest published snapshot and swaps to a newer one when `LATEST` moves. Readers never block
 * the pipeline and never see a half-published state: `LATEST` is renamed into place only after the file is
 * complete, and a replaced snapshot stays open until its last request finishes (reference counting). A
 * snapshot that cannot be opened is skipped with one log line; the previous one keeps being served and the
 * next change of `LATEST` is tried again.
 */
export async function openSnapshotReader(options: SnapshotReaderOptions): Promise<SnapshotReader> {
  const dir = options.dir;
  const pollMs = options.pollMs ?? 200;
  // A few threads per query and a few connections: requests overlap, and during a swap two instances
  // briefly coexist without oversubscribing the machine.
  const openOptions = {
    threads: options.threads ?? Math.min(4, availableParallelism()),
    poolSize: options.poolSize ?? 4,
  };
  const log = options.log ?? ((line: string) => console.error(line));
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;

  let current: Entry | null = null;
  const live = new Set<Entry>();
  const listeners = new Set<SwapListener>();
  const beforeSwapHooks = new Set<BeforeSwapHook>();
  let closed = false;
  let failedKey: string | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let drained: (() => void) | null = null;

  function closeEntry(entry: Entry): void {
    if (!live.delete(entry)) return;
    try {
      entry.file.close();
    } catch (error) {
      log(`snapshot ${entry.snapshot.fileName}: closing failed (${oneLine(error)})`);
    }
    if (live.size === 0) drained?.();
  }

  /** Runs `fn` on one snapshot instance, holding it open (reference counted) until `fn` settles. */
  async function runOn<T>(entry: Entry, fn: (conn: DuckDBConnection, snap: Snapshot) => Promise<T>): Promise<T> {
    entry.refs++;
    try {
      const conn = await entry.file.pool.acquire();
      try {
        return await withQueryTimeout(conn, queryTimeoutMs, () => fn(conn, entry.snapshot));
      } finally {
        entry.file.pool.release(conn);
      }
    } finally {
      entry.refs--;
      if (entry.retired && entry.refs === 0) closeEntry(entry);
    }
  }

  function retire(entry: Entry): void {
    entry.retired = true;
    if (entry.refs === 0) closeEntry(entry);
  }

  async function readPointer(): Promise<string | null> {
    try {
      return (await readFile(join(dir, LATEST_POINTER), 'utf8')).trim();
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** One attempt to bring `current` up to what `LATEST` names. */
  async function loadLatest(): Promise<void> {
    const name = await readPointer();
    if (name === null || name === current?.snapshot.fileName) return;
    if (!SNAPSHOT_NAME.test(name)) {
      reportFailure(
        `name:${name}`,
        `${LATEST_POINTER} names "${name.slice(0, 80)}", which is not a serving-<8 digits>.duckdb file`,
      );
      return;
    }
    const path = join(dir, name);
    let key: string;
    try {
      const info = await stat(path);
      key = `${name}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // The pipeline may already have published a newer one and pruned this file: follow the pointer.
      if ((await readPointer()) !== name) {
        again = true;
        return;
      }
      reportFailure(`${name}:missing`, `snapshot ${name} named by ${LATEST_POINTER} does not exist`);
      return;
    }
    if (key === failedKey) return;
    let file: OpenSnapshotFile;
    try {
      file = await openSnapshotFile(path, name, openOptions);
    } catch (error) {
      reportFailure(key, `snapshot ${name} could not be opened (${oneLine(error)})`);
      return;
    }
    if (closed) {
      file.close();
      return;
    }
    failedKey = null;
    const entry: Entry = { snapshot: { ...file.info, openedAt: new Date() }, file, refs: 0, retired: false };
    live.add(entry);
    for (const hook of beforeSwapHooks) {
      try {
        await hook({ snapshot: entry.snapshot, path, queryTimeoutMs, withSnapshot: (fn) => runOn(entry, fn) });
      } catch (error) {
        log(`snapshot ${name}: preparing the swap failed (${oneLine(error)}); swapping all the same`);
      }
    }
    if (closed) {
      retire(entry);
      return;
    }
    entry.snapshot.openedAt = new Date();
    const previous = current;
    current = entry;
    if (previous) retire(previous);
    for (const listener of listeners) {
      try {
        listener(entry.snapshot);
      } catch (error) {
        log(`snapshot swap listener failed (${oneLine(error)})`);
      }
    }
  }

  function reportFailure(key: string, message: string): void {
    if (key === failedKey) return;
    failedKey = key;
    const serving = current ? `still serving ${current.snapshot.fileName}` : 'nothing served yet';
    log(`${message}; ${serving}; will retry when ${LATEST_POINTER} changes`);
  }

  function refresh(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await loadLatest();
        } catch (error) {
          reportFailure(`io:${oneLine(error)}`, `reading ${dir} failed (${oneLine(error)})`);
        }
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const pointerWatch = await watchLatestPointer(dir, pollMs, refresh);

  return {
    current: () => current?.snapshot ?? null,

    withSnapshot<T>(fn: (conn: DuckDBConnection, snap: Snapshot) => Promise<T>): Promise<T> {
      const entry = current;
      if (!entry) return Promise.reject(new NoSnapshotError());
      return runOn(entry, fn);
    },

    onSwap(listener: SwapListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    beforeSwap(hook: BeforeSwapHook): () => void {
      beforeSwapHooks.add(hook);
      return () => beforeSwapHooks.delete(hook);
    },

    refresh,

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      pointerWatch.close();
      const last = current;
      current = null;
      await running;
      if (last) retire(last);
      if (live.size > 0) await new Promise<void>((resolve) => (drained = resolve));
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 300) ?? '';
}
