import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { LATEST_POINTER } from '@wijksignaal/contracts/snapshot';

export interface LatestFollower {
  /** Looks at LATEST now (and waits until the snapshot it names, if new, is handled). */
  check(): Promise<void>;
  close(): Promise<void>;
}

const SNAPSHOT_NAME = /^serving-\d{8}\.duckdb$/;

/**
 * Calls `onSnapshot` once for each new file LATEST names, on a read-only connection that is closed afterwards.
 * A snapshot that cannot be read, or whose handling failed, is tried again at the next poll (with one log line
 * per cause); snapshots skipped in between lose nothing, because alarm events are read by seq.
 */
export function followLatest(
  dir: string,
  pollMs: number,
  onSnapshot: (conn: DuckDBConnection, fileName: string) => Promise<void>,
  log: (line: string) => void,
): LatestFollower {
  let handled: string | null = null;
  let lastProblem = '';
  let running: Promise<void> | null = null;
  let closed = false;

  async function once(): Promise<void> {
    let name: string;
    try {
      name = (await readFile(join(dir, LATEST_POINTER), 'utf8')).trim();
    } catch {
      return; // no snapshot published yet
    }
    if (name === handled || !SNAPSHOT_NAME.test(name) || closed) return;
    try {
      const instance = await DuckDBInstance.create(join(dir, name), { access_mode: 'READ_ONLY', threads: '1' });
      try {
        const conn = await instance.connect();
        try {
          await onSnapshot(conn, name);
        } finally {
          conn.closeSync();
        }
      } finally {
        instance.closeSync();
      }
      handled = name;
      lastProblem = '';
    } catch (error) {
      const problem = `snapshot ${name}: ${(error as Error).message.split('\n')[0]}`;
      if (problem !== lastProblem) log(problem);
      lastProblem = problem;
    }
  }

  const check = (): Promise<void> => {
    running ??= once().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void check(), pollMs);
  timer.unref();
  return {
    check,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
