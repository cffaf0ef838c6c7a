import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { snapshotFileName } from '@wijksignaal/contracts/snapshot';
import { waitFor } from '../../../tests/support/wait-for.ts';
import {
  pointLatestAt,
  writeCorruptSnapshot,
  writeSnapshot,
  type SnapshotContent,
} from '../../../tests/support/write-snapshot.ts';
import { NoSnapshotError } from './no-snapshot-error.ts';
import { openSnapshotReader, type Snapshot, type SnapshotReader } from './snapshot-reader.ts';

let dir: string;
let reader: SnapshotReader | null = null;
let logLines: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-reader-'));
  logLines = [];
});
afterEach(async () => {
  await reader?.close();
  reader = null;
  await rm(dir, { recursive: true, force: true });
});

const open = async () => {
  reader = await openSnapshotReader({ dir, pollMs: 50, log: (line) => logLines.push(line) });
  return reader;
};

/** A snapshot that carries `total` in its meta, so each sequence is recognisable in query results. */
const withTotal = (total: number): SnapshotContent => ({ meta: { test_total: String(total) } });

const totalOf = async (conn: DuckDBConnection) =>
  Number((await conn.runAndReadAll(`SELECT value FROM meta WHERE key = 'test_total'`)).getRowsJS()[0]?.[0]);

const sequenceIs = (r: SnapshotReader, sequence: number) => () => r.current()?.sequence === sequence;

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('openSnapshotReader', () => {
  it('has nothing before the first snapshot, then picks it up when LATEST appears', async () => {
    const r = await open();
    expect(r.current()).toBeNull();
    await expect(r.withSnapshot(async () => 1)).rejects.toBeInstanceOf(NoSnapshotError);
    await writeSnapshot(dir, 1, withTotal(10), { createdAt: '2025-03-05T10:00:00.000Z' });
    await waitFor(sequenceIs(r, 1), { timeoutMs: 10_000, intervalMs: 10, what: 'snapshot 1' });
    expect(r.current()).toMatchObject({ sequence: 1, createdAt: '2025-03-05T10:00:00.000Z', fileName: snapshotFileName(1) });
    expect(await r.withSnapshot(totalOf)).toBe(10);
  });

  it('opens an existing snapshot at once', async () => {
    await writeSnapshot(dir, 5, withTotal(50));
    const r = await open();
    expect(r.current()?.sequence).toBe(5);
  });

  it('swaps when LATEST moves and tells its listeners', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    const swapped: Snapshot[] = [];
    r.onSwap((snap) => swapped.push(snap));
    await writeSnapshot(dir, 2, withTotal(20));
    await waitFor(sequenceIs(r, 2), { timeoutMs: 10_000, intervalMs: 10, what: 'snapshot 2' });
    expect(await r.withSnapshot(totalOf)).toBe(20);
    expect(swapped.map((s) => s.sequence)).toEqual([2]);
  });

  it('finishes a request on the old snapshot after the swap, even when its file is deleted', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    const hold = gate();
    let started = false;
    const inFlight = r.withSnapshot(async (conn, snap) => {
      started = true;
      await hold.wait;
      return { sequence: snap.sequence, total: await totalOf(conn) };
    });
    await waitFor(() => started, { timeoutMs: 5_000, intervalMs: 5, what: 'the request to start' });

    await writeSnapshot(dir, 2, withTotal(20));
    await waitFor(sequenceIs(r, 2), { timeoutMs: 10_000, intervalMs: 10, what: 'snapshot 2' });
    await unlink(join(dir, snapshotFileName(1)));
    expect(await r.withSnapshot(async (conn, snap) => ({ sequence: snap.sequence, total: await totalOf(conn) }))).toEqual({
      sequence: 2,
      total: 20,
    });

    hold.open();
    expect(await inFlight).toEqual({ sequence: 1, total: 10 });
  });

  it('keeps serving the previous snapshot when the new one is corrupt, logs once, and recovers on the next one', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    await writeCorruptSnapshot(dir, 2);
    await waitFor(() => logLines.length > 0, { timeoutMs: 10_000, intervalMs: 10, what: 'the corrupt snapshot to be reported' });
    expect(r.current()?.sequence).toBe(1);
    expect(await r.withSnapshot(totalOf)).toBe(10);
    expect(logLines[0]).toContain(snapshotFileName(2));
    expect(logLines[0]).toContain(`still serving ${snapshotFileName(1)}`);
    expect(logLines[0]).not.toContain('\n');

    // The same unchanged file named again is not retried (and not logged again); a new snapshot is.
    await pointLatestAt(dir, snapshotFileName(2));
    await r.refresh();
    await writeSnapshot(dir, 3, withTotal(30));
    await waitFor(sequenceIs(r, 3), { timeoutMs: 10_000, intervalMs: 10, what: 'snapshot 3' });
    expect(logLines).toHaveLength(1);
    expect(await r.withSnapshot(totalOf)).toBe(30);
  });

  it('refuses a DuckDB file that lacks the serving tables', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    const instance = await DuckDBInstance.create(join(dir, snapshotFileName(2)));
    const conn = await instance.connect();
    await conn.run('CREATE TABLE meta (key VARCHAR, value VARCHAR)');
    conn.closeSync();
    instance.closeSync();
    await pointLatestAt(dir, snapshotFileName(2));
    await waitFor(() => logLines.length > 0, { timeoutMs: 10_000, intervalMs: 10, what: 'the refusal' });
    expect(logLines[0]).toMatch(/missing table\(s\) areas/);
    expect(r.current()?.sequence).toBe(1);
  });

  it('refuses a snapshot whose meta does not say the k of its published counts', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    for (const [sequence, k] of [
      [2, null],
      [3, '2'],
    ] as const) {
      const name = await writeSnapshot(dir, sequence, withTotal(20), { publish: false });
      const instance = await DuckDBInstance.create(join(dir, name));
      const conn = await instance.connect();
      await conn.run(
        k === null ? `DELETE FROM meta WHERE key = 'disclosure_k'` : `UPDATE meta SET value = '${k}' WHERE key = 'disclosure_k'`,
      );
      conn.closeSync();
      instance.closeSync();
      logLines.length = 0;
      await pointLatestAt(dir, name);
      await waitFor(() => logLines.length > 0, { timeoutMs: 10_000, intervalMs: 10, what: `the refusal of ${name}` });
      expect(logLines[0]).toMatch(/meta\.disclosure_k is not a whole number of at least 3/);
      expect(r.current()?.sequence).toBe(1);
    }
    expect(r.current()?.disclosureK).toBe(5);
  });

  it('ignores a LATEST that names something other than a snapshot file', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    await writeFile(join(dir, 'LATEST'), '../../etc/passwd\n');
    await waitFor(() => logLines.length > 0, { timeoutMs: 10_000, intervalMs: 10, what: 'the bad pointer to be reported' });
    expect(logLines[0]).toMatch(/not a serving-<8 digits>\.duckdb file/);
    expect(r.current()?.sequence).toBe(1);
  });

  it('closes only after in-flight work has finished', async () => {
    await writeSnapshot(dir, 1, withTotal(10));
    const r = await open();
    const hold = gate();
    const events: string[] = [];
    let started = false;
    const inFlight = r.withSnapshot(async (conn) => {
      started = true;
      await hold.wait;
      const total = await totalOf(conn);
      events.push('query done');
      return total;
    });
    await waitFor(() => started, { timeoutMs: 5_000, intervalMs: 5, what: 'the request to start' });
    const closing = r.close().then(() => events.push('closed'));
    expect(r.current()).toBeNull();
    hold.open();
    expect(await inFlight).toBe(10);
    await closing;
    expect(events).toEqual(['query done', 'closed']);
    reader = null;
  });
});
