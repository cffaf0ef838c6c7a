import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type {
  AttemptRecord,
  AttemptRow,
  DeliveryRow,
  DeliveryState,
  DueDelivery,
  NewDelivery,
  WebhookInForce,
} from './delivery-records.ts';

export type * from './delivery-records.ts';

/**
 * The notifier's own DuckDB file: how far it has read the snapshots' `alarm_events` (`last_seq`), every
 * delivery with its state, and every attempt. Reading a snapshot's new events and queueing their deliveries
 * happen in one transaction, and so do an attempt and its delivery's new state, so after a restart nothing is
 * queued twice and nothing delivered is sent again.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS progress (key VARCHAR PRIMARY KEY, value BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, subscription_id VARCHAR NOT NULL, seq BIGINT, week VARCHAR,
    url VARCHAR NOT NULL, body VARCHAR NOT NULL, state VARCHAR NOT NULL, attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP, last_status INTEGER, last_error VARCHAR, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS delivery_attempts (
    delivery_id VARCHAR NOT NULL, attempt INTEGER NOT NULL, attempted_at TIMESTAMP NOT NULL, status INTEGER, error VARCHAR,
    duration_ms INTEGER NOT NULL, outcome VARCHAR NOT NULL, PRIMARY KEY (delivery_id, attempt))`,
];

export interface NotifierState {
  /** The last alarm event seq handled, or null before the first snapshot was read. */
  lastSeq(): Promise<number | null>;
  /**
   * Queues deliveries due at `nowMs` (an id already known is left alone) and moves `last_seq`, in one
   * transaction; pending deliveries follow `webhooks` (the subscriptions in force): a changed URL is used from
   * the next attempt on, a removed subscription or webhook cancels them.
   */
  enqueue(lastSeq: number, deliveries: readonly NewDelivery[], nowMs: number, webhooks: readonly WebhookInForce[]): Promise<void>;
  /** Which of these delivery ids are already known (a digest is queued once per week and subscription). */
  known(ids: readonly string[]): Promise<Set<string>>;
  /** Pending deliveries whose next attempt is due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): Promise<DueDelivery[]>;
  /** When the next pending delivery is due (ms), or null when none is pending. */
  nextDueMs(): Promise<number | null>;
  /** One attempt and its delivery's new state, in one transaction. */
  recordAttempt(record: AttemptRecord): Promise<void>;
  /**
   * Deletes the deliveries that ended (delivered, failed, refused or cancelled) before `beforeMs`, with their
   * attempts; pending ones stay whatever their age. Returns how many deliveries went.
   */
  pruneFinished(beforeMs: number): Promise<number>;
  deliveries(): Promise<DeliveryRow[]>;
  attempts(): Promise<AttemptRow[]>;
  close(): Promise<void>;
}

export async function openNotifierState(path: string): Promise<NotifierState> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  chmodSync(dirname(path), 0o700);
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  for (const ddl of SCHEMA) await conn.run(ddl);
  // One connection, one statement sequence: writes from concurrent sends are chained, never interleaved.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const next = chain.then(() => fn(conn));
    chain = next.catch(() => undefined);
    return next;
  };
  const inTransaction = <T>(fn: (c: DuckDBConnection) => Promise<T>) =>
    serial(async (c) => {
      await c.run('BEGIN');
      try {
        const result = await fn(c);
        await c.run('COMMIT');
        return result;
      } catch (error) {
        await c.run('ROLLBACK');
        throw error;
      }
    });

  return {
    lastSeq: () =>
      serial(async (c) => {
        const rows = (await c.runAndReadAll(`SELECT value FROM progress WHERE key = 'last_seq'`)).getRowsJS();
        return rows[0] ? Number(rows[0][0]) : null;
      }),

    enqueue: (lastSeq, deliveries, nowMs, webhooks) =>
      inTransaction(async (c) => {
        const live = webhooks.filter((w): w is WebhookInForce & { url: string } => w.url !== null);
        const ids = live.map((w) => w.subscriptionId).join('\n');
        await c.run(
          `UPDATE deliveries SET state = 'cancelled', last_error = 'the subscription or its webhook was removed',
             next_attempt_at = NULL, updated_at = epoch_ms($now::BIGINT)
           WHERE state = 'pending' AND NOT list_contains(string_split($ids, chr(10)), subscription_id)`,
          { ids, now: nowMs },
        );
        await c.run(
          `UPDATE deliveries SET url = w.url FROM (
             SELECT unnest(string_split($ids, chr(10))) AS id, unnest(string_split($urls, chr(10))) AS url) w
           WHERE deliveries.state = 'pending' AND deliveries.subscription_id = w.id AND deliveries.url <> w.url`,
          { ids, urls: live.map((w) => w.url).join('\n') },
        );
        for (const d of deliveries) {
          await c.run(
            `INSERT OR IGNORE INTO deliveries VALUES ($id, $kind, $sub, $seq, $week, $url, $body, $state, 0,
               CASE WHEN $state = 'pending' THEN epoch_ms($now::BIGINT) END, NULL, $error, epoch_ms($now::BIGINT), epoch_ms($now::BIGINT))`,
            {
              id: d.deliveryId,
              kind: d.kind,
              sub: d.subscriptionId,
              seq: d.seq,
              week: d.week,
              url: d.url,
              body: d.body,
              state: d.refusal ? 'refused' : 'pending',
              error: d.refusal,
              now: nowMs,
            },
          );
        }
        await c.run(`INSERT OR REPLACE INTO progress VALUES ('last_seq', $seq)`, { seq: lastSeq });
      }),

    known: (ids) =>
      serial(async (c) => {
        if (ids.length === 0) return new Set<string>();
        const reader = await c.runAndReadAll(
          `SELECT delivery_id FROM deliveries WHERE list_contains(string_split($ids, chr(10)), delivery_id)`,
          { ids: ids.join('\n') },
        );
        return new Set(reader.getRowsJS().map((row) => String(row[0])));
      }),

    due: (nowMs, limit) =>
      serial(async (c) => {
        const reader = await c.runAndReadAll(
          `SELECT delivery_id, kind, subscription_id, url, body, attempts FROM deliveries
           WHERE state = 'pending' AND next_attempt_at <= epoch_ms($now::BIGINT)
           ORDER BY next_attempt_at, created_at, delivery_id LIMIT $limit`,
          { now: nowMs, limit },
        );
        return reader.getRowObjectsJS().map((row) => ({
          deliveryId: String(row.delivery_id),
          kind: String(row.kind),
          subscriptionId: String(row.subscription_id),
          url: String(row.url),
          body: String(row.body),
          attempts: Number(row.attempts),
        }));
      }),

    nextDueMs: () =>
      serial(async (c) => {
        const value = (
          await c.runAndReadAll(`SELECT epoch_ms(min(next_attempt_at)) FROM deliveries WHERE state = 'pending'`)
        ).getRowsJS()[0]?.[0];
        return value === null || value === undefined ? null : Number(value);
      }),

    recordAttempt: (r) =>
      inTransaction(async (c) => {
        await c.run(`INSERT INTO delivery_attempts VALUES ($id, $n, epoch_ms($at::BIGINT), $status, $error, $ms, $outcome)`, {
          id: r.deliveryId,
          n: r.attempt,
          at: r.atMs,
          status: r.status,
          error: r.error,
          ms: r.durationMs,
          outcome: r.state === 'pending' ? 'retry' : r.state,
        });
        await c.run(
          `UPDATE deliveries SET state = $state, attempts = $n, last_status = $status, last_error = $error,
             next_attempt_at = CASE WHEN $next IS NULL THEN NULL ELSE epoch_ms($next::BIGINT) END, updated_at = epoch_ms($at::BIGINT)
           WHERE delivery_id = $id`,
          {
            id: r.deliveryId,
            n: r.attempt,
            status: r.status,
            error: r.error,
            state: r.state,
            next: r.nextAttemptAtMs,
            at: r.atMs,
          },
        );
      }),

    pruneFinished: (beforeMs) =>
      inTransaction(async (c) => {
        await c.run(
          `DELETE FROM delivery_attempts WHERE delivery_id IN (
             SELECT delivery_id FROM deliveries WHERE state <> 'pending' AND updated_at < epoch_ms($before::BIGINT))`,
          { before: beforeMs },
        );
        const reader = await c.runAndReadAll(
          `DELETE FROM deliveries WHERE state <> 'pending' AND updated_at < epoch_ms($before::BIGINT) RETURNING 1`,
          { before: beforeMs },
        );
        return reader.currentRowCount;
      }),

    deliveries: () =>
      serial(async (c) => {
        const reader = await c.runAndReadAll(
          `SELECT delivery_id, kind, subscription_id, seq, week, state, attempts, last_status, last_error
           FROM deliveries ORDER BY created_at, delivery_id`,
        );
        return reader.getRowObjectsJS().map((row) => ({
          deliveryId: String(row.delivery_id),
          kind: String(row.kind),
          subscriptionId: String(row.subscription_id),
          seq: row.seq === null ? null : Number(row.seq),
          week: row.week === null ? null : String(row.week),
          state: String(row.state) as DeliveryState,
          attempts: Number(row.attempts),
          lastStatus: row.last_status === null ? null : Number(row.last_status),
          lastError: row.last_error === null ? null : String(row.last_error),
        }));
      }),

    attempts: () =>
      serial(async (c) => {
        const reader = await c.runAndReadAll(
          `SELECT delivery_id, attempt, status, error, outcome FROM delivery_attempts ORDER BY delivery_id, attempt`,
        );
        return reader.getRowObjectsJS().map((row) => ({
          deliveryId: String(row.delivery_id),
          attempt: Number(row.attempt),
          status: row.status === null ? null : Number(row.status),
          error: row.error === null ? null : String(row.error),
          outcome: String(row.outcome),
        }));
      }),

    async close() {
      await chain;
      conn.closeSync();
      instance.closeSync();
    },
  };
}
