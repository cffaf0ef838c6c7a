import type { ReadyResponse } from '@wijksignaal/contracts/http';
import { getContext, setContext } from 'svelte';
import { followSnapshots, type FollowSnapshotPorts } from './follow-snapshots.ts';

/**
 * The newest snapshot sequence; pages refetch when it moves. Follows the API's snapshot-event stream and
 * falls back to asking readiness every `retryMs` while the stream cannot be opened (follow-snapshots.ts).
 */
export class SnapshotWatcher {
  sequence = $state<number | null>(null);
  createdAt = $state<string | null>(null);
  /** Why the last attempt failed (not ready yet, unreachable); null after a good answer. */
  error = $state.raw<unknown>(null);
  readonly #ports: FollowSnapshotPorts;
  readonly #retryMs: number;

  constructor(
    fetchReady: (signal: AbortSignal) => Promise<ReadyResponse>,
    retryMs: number,
    stream: FollowSnapshotPorts['stream'] = () => Promise.reject(new Error('no event stream')),
  ) {
    this.#ports = { stream, fetchReady, wait: delay };
    this.#retryMs = retryMs;
  }

  /** Starts following at once; returns the function that stops it. */
  start(): () => void {
    const controller = new AbortController();
    void followSnapshots(
      this.#ports,
      {
        onSnapshot: (news) => {
          if (news.sequence === this.sequence) return;
          this.sequence = news.sequence;
          this.createdAt = news.createdAt;
        },
        onError: (error) => {
          this.error = error;
        },
      },
      this.#retryMs,
      controller.signal,
    );
    return () => controller.abort();
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
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
