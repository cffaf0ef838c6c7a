/** Frees what an admitted request holds; safe to call more than once. */
export type Release = () => void;

/**
 * At most `max` things held at once per key (a subject's exports, its event streams), in memory. A key
 * holding nothing is forgotten, so the map holds only keys with something open.
 */
export interface ConcurrencySlots {
  /** A slot for `key` and the function that frees it, or undefined when `key` already holds `max`. */
  tryAcquire(key: string): Release | undefined;
}

export function concurrencySlots(max: number): ConcurrencySlots {
  const held = new Map<string, number>();
  return {
    tryAcquire(key) {
      const count = held.get(key) ?? 0;
      if (count >= max) return undefined;
      held.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(key) ?? 1) - 1;
        if (left > 0) held.set(key, left);
        else held.delete(key);
      };
    },
  };
}
