import type { DuckDBConnection } from '@duckdb/node-api';
import type { WijkPriority } from '@wijksignaal/domain/priority/priority-score';

/** The ranking the pipeline stored with the snapshot, components parsed from their JSON column. */
export async function storedPriorities(conn: DuckDBConnection): Promise<WijkPriority[]> {
  const reader = await conn.runAndReadAll(`SELECT wijk, rank, score, components FROM priorities ORDER BY rank, wijk`);
  return reader.getRowsJS().map(([wijk, rank, score, components]) => ({
    wijk: String(wijk),
    rank: Number(rank),
    score: Number(score),
    components: JSON.parse(String(components)) as WijkPriority['components'],
  }));
}
