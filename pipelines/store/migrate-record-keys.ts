import type { DuckDBConnection } from '@duckdb/node-api';
import { cubeColumns, migrateInTransaction } from './cube-migration.ts';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import type { RecordKey } from '../aggregate/record-key.ts';

const COORDINATES = ['wijk', 'week', 'theme', 'category', 'source_kind', 'age_band'] as const;

/**
 * Live databases written before cell-key perturbation have no `key_sum` in the cube. It is added once and
 * filled from the signal ledger (every accepted signal is there), in one transaction. Returns whether it
 * migrated.
 */
export async function migrateRecordKeys(db: DuckDBConnection, recordKey: RecordKey, path: string): Promise<boolean> {
  const columns = await cubeColumns(db);
  if (columns.length === 0 || columns.includes('key_sum')) return false;
  await migrateInTransaction(db, 'add record keys to the cube', path, async () => {
    await db.run('ALTER TABLE weekly_counts ADD COLUMN key_sum BIGINT DEFAULT 0');
    const sums = new Map<string, number>();
    const ledger = await db.runAndReadAll(
      `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'signals'`,
    );
    const result = await db.stream(
      ledger.getRowsJS()[0]?.[0] === 0
        ? 'SELECT NULL LIMIT 0'
        : `SELECT id::VARCHAR, ${COORDINATES.map((c) => (c === 'week' ? "strftime(week, '%Y-%m-%d')" : c)).join(', ')} FROM signals`,
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [id, ...cell] of chunk.getRows()) {
        const key = cell.join('\t');
        sums.set(key, ((sums.get(key) ?? 0) + recordKey(String(id))) % RECORD_KEY_SPACE);
      }
    }
    if (sums.size > 0) {
      const lines = [...sums].map(([cell, sum]) => `${cell}\t${sum}`).join('\n');
      await db.run(
        `UPDATE weekly_counts t SET key_sum = d.key_sum
         FROM (SELECT f[1] AS wijk, f[2]::DATE AS week, f[3] AS theme, f[4] AS category, f[5] AS source_kind,
                      f[6] AS age_band, f[7]::BIGINT AS key_sum
               FROM (SELECT string_split(line, chr(9)) AS f FROM (SELECT unnest(string_split($1, chr(10))) AS line))) d
         WHERE ${COORDINATES.map((c) => `t.${c} = d.${c}`).join(' AND ')}`,
        [lines],
      );
    }
  });
  return true;
}
