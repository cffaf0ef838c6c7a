import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import {
  priorityInputFromRows,
  priorityInputStatements,
  type PriorityInputData,
  type SqlStatement,
} from '@wijksignaal/domain/priority/priority-input-query';

/**
 * The counts, populations and alarm levels the priority score is computed from, read exactly as the
 * pipeline reads them (the same statements and row mapping, from @wijksignaal/domain), so a re-weighted
 * ranking differs from the stored one only by the weights.
 */
export async function priorityInput(conn: DuckDBConnection, currentWeek: IsoWeek): Promise<PriorityInputData> {
  const statements = priorityInputStatements(currentWeek);
  const rows = async ({ sql, params }: SqlStatement) => (await conn.runAndReadAll(sql, params)).getRowsJS();
  return priorityInputFromRows({
    counts: await rows(statements.counts),
    population: await rows(statements.population),
    wijken: await rows(statements.wijken),
    alarms: await rows(statements.alarms),
  });
}
