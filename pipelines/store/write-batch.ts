import type { DuckDBConnection } from '@duckdb/node-api';
import type { AcceptedSignal } from '../aggregate/accepted-signal.ts';
import { RECORD_KEY_SPACE } from '@wijksignaal/domain/published/perturbation';
import type { CubeCell } from '../aggregate/cube-delta.ts';

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
  at: Date;
}

const TAB = '\t';

export type OffsetsTable = 'consumer_offsets' | 'dlq_offsets';

/**
 * Writes new signals, the cube increments, the outcome counters and the partition's next offset in ONE
 * transaction: after a crash either all of it is there or none of it, and the consumer resumes at the
 * stored offset. Rows travel as one tab-separated text parameter that DuckDB splits itself — far faster
 * than appending value by value from JavaScript. Validated fields never contain tabs or newlines.
 */
export async function writeBatch(db: DuckDBConnection, batch: BatchWrite): Promise<void> {
  const at = batch.at.toISOString();
  await db.run('BEGIN');
  try {
    if (batch.fresh.length > 0) {
      const rows = batch.fresh.map(({ signal: s, wijk, gemeente, weekMonday, partition, offset }) =>
        [
          s.id,
          s.partner,
          s.sourceKind,
          s.theme,
          s.category,
          s.area,
          wijk,
          gemeente,
          weekMonday,
          s.ageBand,
          s.severity,
          s.count,
          partition,
          offset,
        ].join(TAB),
      );
      await db.run(
        `INSERT INTO signals
         SELECT f[1]::UUID, f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]::DATE, f[10], f[11], f[12]::INTEGER,
                f[13]::INTEGER, f[14]::BIGINT, $2::TIMESTAMP
         FROM (SELECT string_split(line, chr(9)) AS f FROM (SELECT unnest(string_split($1, chr(10))) AS line))`,
        [rows.join('\n'), at],
      );
    }
    if (batch.cells.length > 0) {
      const rows = batch.cells.map((c) =>
        [c.wijk, c.weekMonday, c.theme, c.category, c.sourceKind, c.ageBand, c.n, c.signals, c.high, c.cell, c.keySum].join(TAB),
      );
      await db.run(
        `INSERT INTO weekly_counts
         SELECT f[1], f[2]::DATE, f[3], f[4], f[5], f[6], f[7]::BIGINT, f[8]::BIGINT, f[9]::BIGINT, f[10]::BIGINT,
                f[11]::BIGINT % ${RECORD_KEY_SPACE}
         FROM (SELECT string_split(line, chr(9)) AS f FROM (SELECT unnest(string_split($1, chr(10))) AS line))
         ON CONFLICT (cell) DO UPDATE SET n = n + excluded.n, signals = signals + excluded.signals, high = high + excluded.high,
           key_sum = (key_sum + excluded.key_sum) % ${RECORD_KEY_SPACE}`,
        [rows.join('\n')],
      );
    }
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
    await db.run(
      `INSERT INTO ${batch.offsetsTable ?? 'consumer_offsets'} VALUES ($1, $2, $3::BIGINT)
       ON CONFLICT DO UPDATE SET next_offset = excluded.next_offset`,
      [batch.topic, batch.partition, batch.nextOffset],
    );
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
