import type { DuckDBConnection } from '@duckdb/node-api';

/** How long the queries of one request may run on a snapshot (QUERY_TIMEOUT_MS). */
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

// An interrupt stops only the query running at that moment; work that is between two queries when its time
// is up would start the next one unhindered, so until it settles every query it starts is interrupted too.
const INTERRUPT_AGAIN_MS = 20;

/** The queries of a request ran past QUERY_TIMEOUT_MS and were interrupted; the API answers 503. */
export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `the query took longer than ${timeoutMs / 1000} s and was stopped; ask for a shorter period, or try again when the server is less busy`,
    );
    this.name = 'QueryTimeoutError';
  }
}

/**
 * Runs `work` on `conn`, interrupting its queries (DuckDB's own interrupt, which leaves the connection
 * usable) once it has run `timeoutMs`; it then fails with QueryTimeoutError. Work that finished anyway
 * keeps its answer.
 */
export async function withQueryTimeout<T>(conn: DuckDBConnection, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timedOut = false;
  let again: NodeJS.Timeout | undefined;
  const deadline = setTimeout(() => {
    timedOut = true;
    conn.interrupt();
    again = setInterval(() => conn.interrupt(), INTERRUPT_AGAIN_MS);
  }, timeoutMs);
  try {
    return await work();
  } catch (error) {
    throw timedOut ? new QueryTimeoutError(timeoutMs) : error;
  } finally {
    clearTimeout(deadline);
    clearInterval(again);
  }
}
