import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError, withQueryTimeout } from './query-timeout.ts';

/** Far more rows than any machine joins in the time of a test: only an interrupt ends it. */
const SLOW = 'SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range = -1';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const answer = async () => (await conn.runAndReadAll('SELECT 42 AS answer')).getRowsJS();

describe('withQueryTimeout', () => {
  it('interrupts a query that runs past the timeout, and the connection answers the next one', async () => {
    const error = await withQueryTimeout(conn, 50, () => conn.run(SLOW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as Error).message).toBe(
      'the query took longer than 0.05 s and was stopped; ask for a shorter period, or try again when the server is less busy',
    );
    await expect(answer()).resolves.toEqual([[42]]);
  });

  it('also stops a query started after the time was up, while the work was between two queries', async () => {
    // Notices the first interrupt (DuckDB's own, still called), which reaches no query: none is running yet.
    const interrupt = conn.interrupt.bind(conn);
    let timeUp: () => void = () => {};
    const interrupted = new Promise<void>((resolve) => (timeUp = resolve));
    conn.interrupt = () => {
      interrupt();
      timeUp();
    };
    try {
      const work = async () => {
        await interrupted;
        return conn.run(SLOW);
      };
      await expect(withQueryTimeout(conn, 50, work)).rejects.toBeInstanceOf(QueryTimeoutError);
    } finally {
      conn.interrupt = interrupt;
    }
    await expect(answer()).resolves.toEqual([[42]]);
  });

  it('answers work within its time, and passes other failures on unchanged', async () => {
    await expect(withQueryTimeout(conn, 10_000, answer)).resolves.toEqual([[42]]);
    await expect(withQueryTimeout(conn, 10_000, () => conn.run('SELECT * FROM no_such_table'))).rejects.toThrow(/no_such_table/);
  });
});
