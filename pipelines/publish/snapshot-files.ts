import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SNAPSHOT_FILE = /^serving-(\d{8})\.duckdb(\.partial|\.wal)?$/;

/** The highest sequence already published in the directory (0 when none). */
export function lastPublishedSequence(dir: string): number {
  let last = 0;
  for (const name of readdirSync(dir)) {
    const m = SNAPSHOT_FILE.exec(name);
    if (m && !m[2]) last = Math.max(last, Number(m[1]));
  }
  return last;
}

/**
 * Deletes all but the newest `keep` snapshots, and leftovers of interrupted writes. A reader that still
 * has an old file open keeps reading it: on POSIX the data stays until the file is closed.
 */
export function pruneSnapshots(dir: string, keep: number, current: number): void {
  for (const name of readdirSync(dir)) {
    const m = SNAPSHOT_FILE.exec(name);
    if (!m) continue;
    const seq = Number(m[1]);
    const stale = m[2] === '.partial' ? seq !== current + 1 : seq <= current - keep;
    if (stale) rmSync(join(dir, name), { force: true });
  }
}
