import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';

export interface PointerWatch {
  close(): void;
}

/**
 * Calls `onChange` whenever `LATEST` in `dir` may have moved: at once through fs.watch on the folder, and
 * through a poll of the pointer's inode and mtime as a fallback (network and container file systems can
 * miss rename events; the folder may not even exist yet). Resolves after the first check has run.
 */
export async function watchLatestPointer(dir: string, pollMs: number, onChange: () => Promise<void>): Promise<PointerWatch> {
  let watcher: FSWatcher | null = null;
  let closed = false;
  let signature = '';

  function startWatching(): void {
    if (watcher || closed) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, filename) => {
        if (filename === null || String(filename) === LATEST_POINTER) void onChange();
      });
      watcher.on('error', () => {
        // The folder went away or the watch broke: polling keeps working and re-attaches later.
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null;
    }
  }

  async function poll(): Promise<void> {
    startWatching();
    let now: string;
    try {
      const info = await stat(join(dir, LATEST_POINTER));
      now = `${info.ino}:${info.mtimeMs}:${info.size}`;
    } catch {
      now = 'missing';
    }
    if (now !== signature && !closed) {
      signature = now;
      await onChange();
    }
  }

  await poll();
  const timer = setInterval(() => void poll(), pollMs);
  timer.unref();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      watcher = null;
    },
  };
}
