import type { ReadyResponse } from '@wijksignaal/contracts/http';
import { getContext, setContext } from 'svelte';

/**
 * Polls the API's readiness and exposes the newest snapshot sequence; pages refetch when it moves.
 * (A later issue replaces the polling with server-sent events behind the same `sequence`.)
 */
export class SnapshotWatcher {
  sequence = $state<number | null>(null);
  createdAt = $state<string | null>(null);
  /** Why the last poll failed (not ready yet, unreachable); null after a good answer. */
  error = $state.raw<unknown>(null);
  readonly #fetchReady: (signal: AbortSignal) => Promise<ReadyResponse>;
  readonly #intervalMs: number;

  constructor(fetchReady: (signal: AbortSignal) => Promise<ReadyResponse>, intervalMs: number) {
    this.#fetchReady = fetchReady;
    this.#intervalMs = intervalMs;
  }

  /** Starts polling at once; returns the function that stops it. */
  start(): () => void {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const ready = await this.#fetchReady(controller.signal);
        if (stopped) return;
        this.error = null;
        if (ready.snapshot.sequence !== this.sequence) {
          this.sequence = ready.snapshot.sequence;
          this.createdAt = ready.snapshot.createdAt;
        }
      } catch (error) {
        if (!stopped) this.error = error;
      }
      // Chained timeouts, not an interval: a slow answer never piles up overlapping requests.
      if (!stopped) timer = setTimeout(poll, this.#intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }
}

const KEY = Symbol('snapshot-watcher');

export function setSnapshotWatcher(watcher: SnapshotWatcher): void {
  setContext(KEY, watcher);
}

export function getSnapshotWatcher(): SnapshotWatcher {
  const watcher = getContext<SnapshotWatcher | undefined>(KEY);
  if (!watcher) throw new Error('getSnapshotWatcher() needs the root layout, which provides it');
  return watcher;
}
