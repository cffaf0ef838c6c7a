import type { DuckDBConnection } from '@duckdb/node-api';
import type { IsoWeek } from '@wijksignaal/contracts/iso-week';
import {
  priorityInputFromRows,
  priorityInputStatements,
  type PriorityInputData,
  type SqlStatement,
} from '@wijksignaal/domain/priority/priority-input-query';
import { prioritise, type PriorityWeights, type WijkPriority } from '@wijksignaal/domain/priority/priority-score';

/** Everything the score needs, read with the statements of @wijksignaal/domain (the API runs the same ones). */
export async function readPriorityInput(conn: DuckDBConnection, currentWeek: IsoWeek): Promise<PriorityInputData> {
  const statements = priorityInputStatements(currentWeek);
  const rows = async ({ sql, params }: SqlStatement) => (await conn.runAndReadAll(sql, params)).getRowsJS();
  return priorityInputFromRows({
    counts: await rows(statements.counts),
    population: await rows(statements.population),
    wijken: await rows(statements.wijken),
    alarms: await rows(statements.alarms),
  });
}

/** Recomputes the ranked list for every wijk and replaces the `priorities` table in one transaction. */
export async function refreshPriorities(
  conn: DuckDBConnection,
  opts: { currentWeek: IsoWeek; weights?: PriorityWeights },
): Promise<WijkPriority[]> {
  const priorities = prioritise({ ...(await readPriorityInput(conn, opts.currentWeek)), weights: opts.weights });
  const rows = priorities.map((p) => ({ wijk: p.wijk, rank: p.rank, score: p.score, components: JSON.stringify(p.components) }));
  await conn.run('BEGIN');
  try {
    await conn.run('DELETE FROM priorities');
    await conn.run(
      `INSERT INTO priorities SELECT wijk, rank, score, components
       FROM (SELECT unnest(from_json($1::JSON, '[{"wijk":"VARCHAR","rank":"INTEGER","score":"DOUBLE","components":"VARCHAR"}]'), recursive := true))`,
      [JSON.stringify(rows)],
    );
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return priorities;
}
