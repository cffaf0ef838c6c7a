import type { DuckDBConnection } from '@duckdb/node-api';
import { IdHashSet } from '../aggregate/id-filter.ts';
import type { OffsetsTable } from './write-batch.ts';

/** Per topic, per partition: the next offset to consume, as committed together with the data. */
export type StoredOffsets = Map<string, Map<number, bigint>>;

/** Where each partition of the given topics continues (topics never consumed have an empty map). */
export async function readStoredOffsets(
  db: DuckDBConnection,
  topics: readonly string[],
  table: OffsetsTable = 'consumer_offsets',
): Promise<StoredOffsets> {
  const offsets: StoredOffsets = new Map(topics.map((topic) => [topic, new Map<number, bigint>()]));
  const reader = await db.runAndReadAll(`SELECT topic, "partition", next_offset FROM ${table}`);
  for (const [topic, partition, next] of reader.getRows()) {
    offsets.get(String(topic))?.set(Number(partition), BigInt(next as bigint));
  }
  return offsets;
}

/** How many rows the append-only cube holds (where its compaction schedule starts). */
export async function readCubeRowCount(db: DuckDBConnection): Promise<number> {
  const reader = await db.runAndReadAll('SELECT count(*)::DOUBLE FROM cube_rows');
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/** Rebuilds the in-memory id filter from the ledger, streaming so memory stays flat. */
export async function readIdFilter(db: DuckDBConnection): Promise<IdHashSet> {
  const countReader = await db.runAndReadAll('SELECT count(*) FROM signals');
  const count = Number(countReader.getRows()[0]?.[0] ?? 0);
  const set = new IdHashSet(Math.max(count * 2, 1 << 16));
  const result = await db.stream('SELECT id::VARCHAR FROM signals');
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const id of chunk.getColumnValues(0)) set.add(id as string);
  }
  return set;
}

/** Of the given ids, those already in the ledger (asked only for the rare ids the filter is unsure of). */
export async function findKnownIds(db: DuckDBConnection, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const reader = await db.runAndReadAll(
    `SELECT id::VARCHAR FROM signals WHERE id IN (SELECT unnest(from_json($1::JSON, '["UUID"]')))`,
    [JSON.stringify(ids)],
  );
  return new Set(reader.getRows().map((r) => String(r[0]).toLowerCase()));
}
