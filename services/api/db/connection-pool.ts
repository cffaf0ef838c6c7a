import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * A few connections to one snapshot instance, handed out one request at a time. DuckDB connections are
 * cheap, but a connection runs one query at a time, so a handful lets requests overlap instead of queueing
 * behind a slow one. Connections are made on demand, up to `size`.
 */
export class ConnectionPool {
  readonly #instance: DuckDBInstance;
  readonly #size: number;
  readonly #idle: DuckDBConnection[] = [];
  readonly #all: DuckDBConnection[] = [];
  readonly #waiting: Array<(conn: DuckDBConnection) => void> = [];
  #creating = 0;
  #closed = false;

  constructor(instance: DuckDBInstance, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.#instance = instance;
    this.#size = size;
  }

  async acquire(): Promise<DuckDBConnection> {
    if (this.#closed) throw new Error('connection pool is closed');
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#all.length + this.#creating < this.#size) {
      this.#creating++;
      try {
        const conn = await this.#instance.connect();
        this.#all.push(conn);
        return conn;
      } finally {
        this.#creating--;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(conn: DuckDBConnection): void {
    const next = this.#waiting.shift();
    if (next) next(conn);
    else this.#idle.push(conn);
  }

  /** Only called once nobody holds a connection (the reader's reference count is zero). */
  closeAll(): void {
    this.#closed = true;
    for (const conn of this.#all) conn.closeSync();
    this.#all.length = 0;
    this.#idle.length = 0;
  }
}
