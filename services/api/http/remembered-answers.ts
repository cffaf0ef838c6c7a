import type { OperationId } from '../auth/role-matrix.ts';
import type { CachedJson } from '../db/cached-json.ts';

/** An answer Hono gave for one request target, as the fast path may give it again. */
export interface RememberedAnswer {
  operationId: OperationId;
  /** The route template, for the audit line and the request log. */
  route: string;
  body: CachedJson;
  /** The snapshot and the ISO week it was answered in: the week moves default periods and partial weeks. */
  snapshotFile: string;
  week: string;
}

/**
 * The cached answers of the current snapshot by request target (path and query exactly as sent), so a
 * repeated GET is found without routing, validation or a cache key. Only answers that depend on nothing
 * but the target, the snapshot and the week are remembered (jsonText's, never per principal); a new
 * snapshot or week makes every entry stale. Bounded: targets are the caller's to vary.
 */
export class RememberedAnswers {
  readonly #entries = new Map<string, RememberedAnswer>();
  /** Answers made for the snapshot about to be served (the warmer's), taken over once it is current. */
  #prepared = new Map<string, RememberedAnswer>();
  readonly #currentFile: () => string | undefined;
  readonly #maxEntries: number;

  constructor(currentFile: () => string | undefined, maxEntries = 256) {
    this.#currentFile = currentFile;
    this.#maxEntries = maxEntries;
  }

  /** Ignored for an answer of a snapshot no longer served (a request that was still finishing on it). */
  remember(target: string, answer: RememberedAnswer): void {
    if (answer.snapshotFile !== this.#currentFile()) return;
    for (const [key, old] of this.#entries) {
      if (old.snapshotFile === answer.snapshotFile && old.week === answer.week) break;
      this.#entries.delete(key); // older snapshot or week: never served again
    }
    this.#entries.delete(target);
    this.#entries.set(target, answer);
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  find(target: string, week: string): RememberedAnswer | undefined {
    const file = this.#currentFile();
    const found = this.#entries.get(target);
    if (found && found.snapshotFile === file && found.week === week) {
      // Most recently asked to the back: the warmer makes the newest ones ahead of a swap.
      this.#entries.delete(target);
      this.#entries.set(target, found);
      return found;
    }
    const prepared = this.#prepared.get(target);
    if (!prepared || prepared.snapshotFile !== file || prepared.week !== week) return undefined;
    this.#prepared.delete(target);
    this.remember(target, prepared);
    return prepared;
  }

  /** The answers of the current snapshot and `week`, least recently asked first. */
  current(week: string): [string, RememberedAnswer][] {
    const file = this.#currentFile();
    return [...this.#entries].filter(([, a]) => a.snapshotFile === file && a.week === week);
  }

  /** An answer for a snapshot not served yet (the warmer's): found once that snapshot is current. */
  prepare(target: string, answer: RememberedAnswer): void {
    for (const [key, old] of this.#prepared) if (old.snapshotFile !== answer.snapshotFile) this.#prepared.delete(key);
    this.#prepared.set(target, answer);
  }
}
