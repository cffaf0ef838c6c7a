import type { DuckDBConnection } from '@duckdb/node-api';

/** Moves where a partition continues (an operator's re-baseline); its counts stay as they are. */
export async function setStoredOffset(db: DuckDBConnection, topic: string, partition: number, next: bigint): Promise<void> {
  await db.run(
    `INSERT INTO consumer_offsets VALUES ($1, $2, $3::BIGINT) ON CONFLICT DO UPDATE SET next_offset = excluded.next_offset`,
    [topic, partition, next.toString()],
  );
}
