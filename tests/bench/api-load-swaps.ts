import { copyFileSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';

export interface SwapLoop {
  /** Stops publishing; resolves with how many snapshots were published. */
  stop(): Promise<number>;
}

const SERVING = /^serving-(\d{8})\.duckdb$/;

/**
 * Publishes a new snapshot into `snapshotsDir` every `everyMs`, as the pipeline does while ingesting (about
 * once a second): a copy of the file `LATEST` names under the next sequence, then `LATEST` renamed onto it,
 * and files older than the previous one removed. The API swaps to each, warming the answers being asked
 * (services/api/db/answer-warmer.ts), so a load run beside it measures what swaps cost the read path. The
 * copies hold the same cells; only the file name is new, which is what the API keys its answers on.
 */
export function swapLoop(snapshotsDir: string, everyMs: number): SwapLoop {
  let published = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  const publishOne = () => {
    const current = readFileSync(join(snapshotsDir, LATEST_POINTER), 'utf8').trim();
    const sequence = Number(SERVING.exec(current)?.[1] ?? 0) + 1;
    const next = `serving-${String(sequence).padStart(8, '0')}.duckdb`;
    copyFileSync(join(snapshotsDir, current), join(snapshotsDir, `${next}.tmp`));
    renameSync(join(snapshotsDir, `${next}.tmp`), join(snapshotsDir, next));
    writeFileSync(join(snapshotsDir, `${LATEST_POINTER}.tmp`), next);
    renameSync(join(snapshotsDir, `${LATEST_POINTER}.tmp`), join(snapshotsDir, LATEST_POINTER));
    for (const name of readdirSync(snapshotsDir)) {
      const seq = Number(SERVING.exec(name)?.[1] ?? Number.NaN);
      if (seq < sequence - 1) rmSync(join(snapshotsDir, name), { force: true });
    }
    published++;
  };
  const running = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, everyMs);
      });
      if (!stopped) publishOne();
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
      return published;
    },
  };
}
