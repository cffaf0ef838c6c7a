import type { ReadyResponse } from '@wijksignaal/contracts/http';

export interface SnapshotNews {
  sequence: number;
  createdAt: string;
}

export interface FollowSnapshotPorts {
  /** Opens the server's snapshot-event stream; settles when it ends or breaks. */
  stream: (onSnapshot: (news: SnapshotNews) => void, signal: AbortSignal) => Promise<void>;
  /** Asks readiness once (the fallback). */
  fetchReady: (signal: AbortSignal) => Promise<ReadyResponse>;
  /** Waits before the next attempt; rejects or resolves early when `signal` aborts. */
  wait: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface FollowSnapshotHandlers {
  onSnapshot: (news: SnapshotNews) => void;
  /** Null after a good answer; the failure otherwise (not ready yet, unreachable). */
  onError: (error: unknown) => void;
}

/**
 * Follows the served snapshot: listens to the event stream, and whenever it cannot be opened or breaks,
 * asks readiness once (so a new snapshot is still noticed), waits `retryMs`, then tries the stream again.
 * With a server that has no stream this degrades to polling readiness every `retryMs`. Stops on abort.
 */
export async function followSnapshots(
  ports: FollowSnapshotPorts,
  handlers: FollowSnapshotHandlers,
  retryMs: number,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await ports.stream((news) => {
        handlers.onError(null);
        handlers.onSnapshot(news);
      }, signal);
    } catch (error) {
      if (signal.aborted) return;
      handlers.onError(error);
    }
    if (signal.aborted) return;
    try {
      const ready = await ports.fetchReady(signal);
      handlers.onError(null);
      handlers.onSnapshot({ sequence: ready.snapshot.sequence, createdAt: ready.snapshot.createdAt });
    } catch (error) {
      if (signal.aborted) return;
      handlers.onError(error);
    }
    try {
      await ports.wait(retryMs, signal);
    } catch {
      return;
    }
  }
}
