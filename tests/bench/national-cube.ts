import type { AreaRegistry } from '@wijksignaal/contracts/area';
import { DEMO_PARTNERS } from '@wijksignaal/contracts/demo-partners';
import { mondayIsoDate, type IsoWeek } from '@wijksignaal/contracts/iso-week';
import type { SignalInput } from '@wijksignaal/contracts/signal';
import { openLiveDb } from '@wijksignaal/pipelines/store/live-db';
import { writeRegistry } from '@wijksignaal/pipelines/store/write-registry';

export interface CubeSpec {
  path: string;
  registry: AreaRegistry;
  /** Simulated signals of a few recent weeks: their mix of themes, categories, sources and ages, and their weekly volume. */
  templates: readonly SignalInput[];
  toWeek: IsoWeek;
  weeks: number;
}

export interface CubeStats {
  cubeRows: number;
  signals: number;
}

/**
 * Fills a live database with `weeks` of the cube for every wijk straight in DuckDB (no Kafka): per wijk and
 * week as many signals as the simulator's national weekly volume gives a wijk of its size, each drawn from
 * the simulated mix and aggregated like the pipeline does, so the cube is as sparse as real weeks are.
 */
export async function buildNationalCube(spec: CubeSpec): Promise<CubeStats> {
  // Building three years at once needs more memory than the pipeline ever uses for one batch.
  const db = await openLiveDb({ path: spec.path, memoryLimit: '2GB', threads: 2 });
  try {
    await writeRegistry(db.writer, spec.registry, DEMO_PARTNERS);
    const templateWeeks = new Set(spec.templates.map((t) => t.week)).size || 1;
    const weeklyVolume = spec.templates.length / templateWeeks;
    const mix = spec.templates.map((t) => ({
      theme: t.theme,
      category: t.category,
      sourceKind: t.sourceKind,
      ageBand: t.ageBand,
      severity: t.severity,
      count: t.count ?? 1,
    }));
    await db.writer.run(
      `CREATE TEMP TABLE mix AS
       SELECT (row_number() OVER () - 1)::INTEGER AS i, theme, category, sourceKind AS source_kind, ageBand AS age_band,
              (severity = 'high')::INTEGER AS high, coalesce(count, 1) AS n
       FROM (SELECT unnest(from_json($1::JSON, '[{"theme":"VARCHAR","category":"VARCHAR","sourceKind":"VARCHAR","ageBand":"VARCHAR","severity":"VARCHAR","count":"INTEGER"}]'), recursive := true))`,
      [JSON.stringify(mix)],
    );
    // Straight into the pipeline's append-only cube, one row per cell, as a compaction leaves it.
    await db.writer.run(
      `INSERT INTO cube_rows
       WITH a AS (SELECT code, coalesce(residents, 0) AS r FROM areas),
            total AS (SELECT sum(r) AS t FROM a),
            -- The volume as DOUBLE: a literal like 4829.26… is a DECIMAL(18) whose product with residents overflows.
            per_week AS (
              SELECT code, (DATE '${mondayIsoDate(spec.toWeek)}' - (7 * w)::INTEGER)::DATE AS week,
                     floor(${weeklyVolume}::DOUBLE * r / t + random())::INTEGER AS k
              FROM a, total, range(${spec.weeks}) AS weeks(w)),
            drawn AS (SELECT code, week, unnest(range(k)) AS j FROM per_week WHERE k > 0),
            picked AS (SELECT code, week, floor(random() * ${mix.length})::INTEGER AS i FROM drawn)
       SELECT *, cell_key(wijk, week, theme, category, source_kind, age_band) AS cell,
              (hash(wijk, week, theme, category, source_kind, age_band) % 4294967296)::BIGINT AS key_sum FROM (
         SELECT code AS wijk, week, theme, category, source_kind, age_band,
                sum(n)::BIGINT AS n, count(*)::BIGINT AS signals, sum(high)::BIGINT AS high
         FROM picked JOIN mix USING (i)
         GROUP BY ALL)
       ORDER BY wijk, week`,
    );
    await db.writer.run('CHECKPOINT');
    const row = (
      await db.writer.runAndReadAll('SELECT count(*)::DOUBLE, coalesce(sum(signals), 0)::DOUBLE FROM weekly_counts')
    ).getRowsJS()[0];
    return { cubeRows: Number(row?.[0] ?? 0), signals: Number(row?.[1] ?? 0) };
  } finally {
    db.close();
  }
}
