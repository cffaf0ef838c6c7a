import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { SnapshotInfo } from './open-snapshot-file.ts';
import { PerSnapshotCache } from './per-snapshot-cache.ts';
import type { Snapshot } from './snapshot-reader.ts';

const snap = (sequence: number): SnapshotInfo => ({
  fileName: `serving-${sequence}.duckdb`,
  sequence,
  createdAt: '',
  disclosureK: 5,
  meta: {},
});

function counter() {
  let calls = 0;
  return { compute: async () => ++calls, calls: () => calls };
}

describe('PerSnapshotCache', () => {
  it('shares one computation between identical requests on the current snapshot', async () => {
    const current = snap(1);
    const cache = new PerSnapshotCache((s) => s.fileName === current.fileName);
    const c = counter();
    const answers = await Promise.all([cache.get(current, 'k', c.compute), cache.get(current, 'k', c.compute)]);
    expect(answers).toEqual([1, 1]);
    expect(await cache.get(current, 'k', c.compute)).toBe(1);
    expect(c.calls()).toBe(1);
  });

  it('starts afresh for a newer snapshot and does not cache for an older one', async () => {
    let current = snap(1);
    const cache = new PerSnapshotCache((s) => s.fileName === current.fileName);
    const c = counter();
    await cache.get(snap(1), 'k', c.compute);
    current = snap(2);
    expect(await cache.get(snap(2), 'k', c.compute)).toBe(2);
    expect(await cache.get(snap(1), 'k', c.compute)).toBe(3);
    expect(await cache.get(snap(1), 'k', c.compute)).toBe(4);
    expect(await cache.get(snap(2), 'k', c.compute)).toBe(2);
  });

  it('forgets failures so the next request tries again', async () => {
    const current = snap(1);
    const cache = new PerSnapshotCache(() => true);
    await expect(cache.get(current, 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await cache.get(current, 'k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const current = snap(1);
    const cache = new PerSnapshotCache(() => true, 2);
    const c = counter();
    await cache.get(current, 'a', c.compute); // 1
    await cache.get(current, 'b', c.compute); // 2
    await cache.get(current, 'a', c.compute); // hit: a is now the most recent
    await cache.get(current, 'c', c.compute); // 3, evicts b
    expect(await cache.get(current, 'a', c.compute)).toBe(1);
    expect(await cache.get(current, 'b', c.compute)).toBe(4);
  });

  it('answers a known or pending JSON answer without taking a database connection', async () => {
    const current = { ...snap(1), openedAt: new Date() } as Snapshot;
    const cache = new PerSnapshotCache((s) => s.fileName === current.fileName);
    let connectionsTaken = 0;
    let serialised = 0;
    let finish: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const snapshots = {
      current: () => current,
      withSnapshot: async <T>(fn: (conn: DuckDBConnection, s: Snapshot) => Promise<T>) => {
        connectionsTaken++;
        return fn({} as DuckDBConnection, current);
      },
    };
    const serialise = async () => {
      serialised++;
      await slow;
      return '{"n":1}';
    };
    const first = cache.answer(snapshots, 'k', serialise);
    await Promise.resolve();
    const waiting = Array.from({ length: 10 }, () => cache.answer(snapshots, 'k', serialise));
    finish();
    const answers = await Promise.all([first, ...waiting, cache.answer(snapshots, 'k', serialise)]);
    expect(answers.every((a) => a.text === '{"n":1}')).toBe(true);
    expect(serialised).toBe(1);
    expect(connectionsTaken, 'only the first request, which computed, took a connection').toBe(1);
  });
});
