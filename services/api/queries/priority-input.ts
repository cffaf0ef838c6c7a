import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import { readPriorityInput } from '../../../pipelines/analyse/refresh-priorities.ts';

/**
 * The counts, populations and alarm levels the priority score is computed from, read exactly as the
 * pipeline reads them (its query, reused), so a re-weighted ranking differs from the stored one only by
 * the weights.
 */
export function priorityInput(conn: DuckDBConnection, currentWeek: IsoWeek): ReturnType<typeof readPriorityInput> {
  return readPriorityInput(conn, currentWeek);
}
