import { BIGINT, DATE, DuckDBDateValue, INTEGER, VARCHAR, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import { acceptedCellKey, type CubeCell } from '../aggregate/cube-delta.ts';
import type { DeliveryDelta } from '../aggregate/delivery-tally.ts';
import type { UserAction } from '@wijksignaal/contracts/user-action';
import { appendChunks, type AppendColumn } from './append-chunks.ts';
import { writeActions } from './write-actions.ts';
import { writeDeliveries } from './write-deliveries.ts';

/** What one partition batch adds to the live database, committed as a whole or not at all. */
export interface BatchWrite {
  topic: string;
  partition: number;
  /** The offset after the last message of the batch: where a restart continues. */
  nextOffset: string;
  /** Which offsets table the batch moves: the signals consumer's (default) or the dead-letter counter's. */
  offsetsTable?: OffsetsTable;
  fresh: readonly AcceptedSignal[];
  cells: readonly CubeCell[];
  /** Per partner and outcome (`accepted` or a dead-letter reason): how many messages. */
  outcomes: ReadonlyMap<string, { partner: string; outcome: string; n: number }>;
  /** What the data-quality rules learn from, by delivery week (`write-deliveries.ts`). */
  deliveries?: DeliveryDelta;
  /** Valid user actions of an actions-topic batch (`write-actions.ts`), applied once per action id. */
  actions?: readonly UserAction[];
  at: Date;
}

export type OffsetsTable = 'consumer_offsets' | 'dlq_offsets' | 'action_offsets';

const DAY_MS = 86_400_000;

/**
 * Writes new signals, the cube rows, the outcome counters and the partition's next offset in ONE
 * transaction: after a crash either all of it is there or none of it, and the consumer resumes at the
 * stored offset. Signals and cube rows go through DuckDB's appender, which the open transaction holds
 * until COMMIT; the cube is append-only (`live-schema.ts`), so a batch costs what its rows cost,
 * whatever the size of the cube.
 */
export async function writeBatch(db: DuckDBConnection, batch: BatchWrite): Promise<void> {
  await db.run('BEGIN');
  try {
    await writeBatchRows(db, batch);
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * What `writeBatch` writes, inside the caller's open transaction: the write queue commits the batches
 * waiting at its turn together (`write-serialiser.ts`), each with its own offsets row.
 */
export async function writeBatchRows(db: DuckDBConnection, batch: BatchWrite): Promise<void> {
  const at = batch.at.toISOString();
  if (batch.fresh.length > 0) await appendRows(db, 'signals', (a) => appendSignals(a, batch.fresh));
  if (batch.cells.length > 0) await appendRows(db, 'cube_rows', (a) => appendCells(a, batch.cells));
  if (batch.outcomes.size > 0) {
    const rows = [...batch.outcomes.values()].map((o) => ({ partner: o.partner, outcome: o.outcome, n: o.n }));
    await db.run(
      `INSERT INTO ingest_counts
       SELECT partner, outcome, n, $2::TIMESTAMP
       FROM (SELECT unnest(from_json($1::JSON, '[{"partner":"VARCHAR","outcome":"VARCHAR","n":"BIGINT"}]'), recursive := true))
       ON CONFLICT DO UPDATE SET n = n + excluded.n, last_seen = excluded.last_seen`,
      [JSON.stringify(rows), at],
    );
  }
  if (batch.deliveries) await writeDeliveries(db, batch.deliveries);
  if (batch.actions && batch.actions.length > 0) await writeActions(db, batch.actions);
  await db.run(
    `INSERT INTO ${batch.offsetsTable ?? 'consumer_offsets'} VALUES ($1, $2, $3::BIGINT)
     ON CONFLICT DO UPDATE SET next_offset = excluded.next_offset`,
    [batch.topic, batch.partition, batch.nextOffset],
  );
}

async function appendRows(db: DuckDBConnection, table: string, fill: (appender: DuckDBAppender) => void): Promise<void> {
  const appender = await db.createAppender(table);
  try {
    fill(appender);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The ledger's columns (`SIGNALS_DDL`): id, cell key, partition, offset. */
const LEDGER_COLUMNS: readonly AppendColumn<AcceptedSignal>[] = [
  { type: VARCHAR, value: (f) => f.signal.id },
  { type: BIGINT, value: (f) => BigInt(f.cell ?? acceptedCellKey(f)) },
  { type: INTEGER, value: (f) => f.partition },
  { type: BIGINT, value: (f) => BigInt(f.offset) },
];

function appendSignals(a: DuckDBAppender, fresh: readonly AcceptedSignal[]): void {
  appendChunks(a, fresh, LEDGER_COLUMNS);
}

/** `cube_rows`' columns (`CUBE_ROWS_DDL`), a week as its Monday's day number. */
function appendCells(a: DuckDBAppender, cells: readonly CubeCell[]): void {
  const days = dayNumbers();
  appendChunks(a, cells, [
    { type: VARCHAR, value: (c) => c.wijk },
    { type: DATE, value: (c) => days(c.weekMonday) },
    { type: VARCHAR, value: (c) => c.theme },
    { type: VARCHAR, value: (c) => c.category },
    { type: VARCHAR, value: (c) => c.sourceKind },
    { type: VARCHAR, value: (c) => c.ageBand },
    { type: BIGINT, value: (c) => BigInt(c.n) },
    { type: BIGINT, value: (c) => BigInt(c.signals) },
    { type: BIGINT, value: (c) => BigInt(c.high) },
    { type: BIGINT, value: (c) => BigInt(c.cell) },
    { type: BIGINT, value: (c) => BigInt(c.keySum % RECORD_KEY_SPACE) },
  ]);
}

/** Monday dates (YYYY-MM-DD) as DuckDB dates; a batch holds few distinct weeks, each converted once. */
function dayNumbers(): (monday: string) => DuckDBDateValue {
  const seen = new Map<string, DuckDBDateValue>();
  return (monday) => {
    let value = seen.get(monday);
    if (!value) seen.set(monday, (value = new DuckDBDateValue(Date.parse(`${monday}T00:00:00Z`) / DAY_MS)));
    return value;
  };
}
