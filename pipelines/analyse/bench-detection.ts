import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isoWeekFromDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { CATEGORIES_BY_THEME, THEMES } from '@wijksignaal/contracts/signal';
import { loadAreaRegistry } from '@wijksignaal/areas/load-area-registry';
import { seededRandom } from '@wijksignaal/areas/seeded-random';
import type { Log } from '../log/logger.ts';
import { openLiveDb } from '../store/live-db.ts';
import { writeRegistry } from '../store/write-registry.ts';
import { createAnalysisStage } from './analysis-stage.ts';
import { createDetectionPool } from './detection-pool.ts';
import { seriesKey } from './series-from-cube.ts';
import { writeSyntheticCube } from './synthetic-cube.ts';

const SHARED_DATA = resolve(import.meta.dirname, '../../../shared/data');
const NATIONAL_MAP = join(SHARED_DATA, 'cbs_wijken_2024_nl.geojson');
const NATIONAL_POPULATION = join(SHARED_DATA, 'kwb_2024_wijken_nl.csv');
const HISTORY_WEEKS = 4 * 52;
/** A fixed Wednesday, so every run detects over the same weeks. */
const NOW = new Date('2026-11-25T12:00:00Z');
const WEEK_MS = 7 * 86_400_000;

export interface DetectionBenchFigures {
  /** First analysis run: every series read from DuckDB, detected, alarms written, priorities ranked. */
  detectFullSeconds: number;
  /**
   * One run after a batch that added signals of the running week to 1% of the series: read, detect, write
   * alarms. Priorities are not re-ranked: they read complete weeks only, which this batch did not change.
   */
  detectIncrementalMs: number;
  series: number;
  /**
   * The first run a week later (nothing new consumed): every series, but only the weeks the new week
   * changed (the week that became complete, the new running week, the week that left Farrington's window).
   */
  detectNewWeekMs: number;
  /** A restart with the alarms marker current: resume, then the first run, which only re-ranks priorities. */
  restartMs: number;
  /** Where the time of each run went, in ms. */
  breakdown: { full: Record<string, number>; incremental: Record<string, number>; newWeek: Record<string, number> };
  /** CPU time of this process (all DuckDB threads included): on a shared machine the fairer figure. */
  cpu: { fullSeconds: number; incrementalMs: number };
  source: string;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1_000;
}

async function benchAreas(): Promise<{
  areas: { code: string; residents: number | null }[];
  source: string;
  registry?: Awaited<ReturnType<typeof loadAreaRegistry>>;
}> {
  if (existsSync(NATIONAL_MAP) && existsSync(NATIONAL_POPULATION)) {
    const registry = await loadAreaRegistry({ areasFile: NATIONAL_MAP, populationFile: NATIONAL_POPULATION });
    return { areas: registry.areas, source: `national CBS map, ${registry.areas.length} wijken`, registry };
  }
  const areas = Array.from({ length: 3_393 }, (_, i) => ({ code: `WK${String(i).padStart(6, '0')}`, residents: 5_000 }));
  return { areas, source: `synthetic codes (${NATIONAL_MAP} not found), 3393 wijken of 5,000 residents` };
}

/**
 * The detection benchmark `npm run bench` prints. Builds a national cube (3,393 wijken × 3 themes ×
 * 4 years of weekly counts) in a temporary DuckDB file, then times the analysis stage exactly as the
 * pipeline runs it: the full first run, and one incremental run after a batch touching 1% of the series.
 */
export async function benchDetection(opts: { seed: number }): Promise<DetectionBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'wijksignaal-bench-detect-'));
  const db = await openLiveDb({ path: join(dir, 'live.duckdb'), memoryLimit: '1GB', threads: 2 });
  const conn = await db.instance.connect();
  const pool = createDetectionPool();
  try {
    const { areas, source, registry } = await benchAreas();
    if (registry) await writeRegistry(db.writer, registry, []);
    const currentWeek = isoWeekFromDate(NOW);
    await writeSyntheticCube(db.writer, {
      areas,
      currentWeek,
      weeks: HISTORY_WEEKS,
      seed: opts.seed,
      csvPath: join(dir, 'cube.csv'),
    });

    const entries: Record<string, unknown>[] = [];
    const log: Log = (event, fields = {}) => entries.push({ event, ...fields });
    let now = NOW;
    const stage = createAnalysisStage({ conn, log, k: 5, now: () => now, pool });

    const fullCpu = process.cpuUsage();
    const fullStart = performance.now();
    await stage.run();
    const fullMs = performance.now() - fullStart;
    const fullCpuMs = cpuMs(process.cpuUsage(fullCpu));

    const random = seededRandom(opts.seed + 1);
    const keys = new Set<string>();
    const total = areas.length * THEMES.length;
    while (keys.size < Math.ceil(total / 100)) keys.add(seriesKey(random.pick(areas).code, random.pick(THEMES)));
    // The batch itself: one more signal in the running week of each touched series (not timed).
    await db.writer.run(
      `INSERT INTO cube_rows SELECT *, cell_key(wijk, week, theme, category, source_kind, age_band),
            (hash(wijk, week, theme, category, source_kind, age_band) % 4294967296)::BIGINT
       FROM (SELECT split_part(k, '|', 1) AS wijk, $2::DATE AS week, split_part(k, '|', 2) AS theme,
                    CASE theme ${THEMES.map((t) => `WHEN '${t}' THEN '${CATEGORIES_BY_THEME[t][0]}'`).join(' ')} END AS category,
                    'school' AS source_kind, '25-44' AS age_band, 1, 1, 0
             FROM (SELECT unnest(from_json($1::JSON, '["VARCHAR"]')) AS k))`,
      [JSON.stringify([...keys]), mondayIsoDate(currentWeek)],
    );
    stage.markTouched(keys, [mondayIsoDate(currentWeek)]);
    const incrementalCpu = process.cpuUsage();
    const incrementalStart = performance.now();
    await stage.run();
    const incrementalMs = performance.now() - incrementalStart;
    const incrementalCpuMs = cpuMs(process.cpuUsage(incrementalCpu));

    now = new Date(NOW.getTime() + WEEK_MS);
    const newWeekStart = performance.now();
    await stage.run();
    const newWeekMs = performance.now() - newWeekStart;

    const restartStart = performance.now();
    const restarted = createAnalysisStage({ conn, log, k: 5, now: () => now, pool });
    await restarted.resume();
    await restarted.run();
    const restartMs = performance.now() - restartStart;

    const [full, incremental, newWeek] = entries.filter((e) => e.event === 'analysis.done') as Record<string, number>[];
    return {
      detectFullSeconds: fullMs / 1_000,
      detectIncrementalMs: incrementalMs,
      series: full?.series ?? 0,
      detectNewWeekMs: newWeekMs,
      restartMs,
      breakdown: { full: full ?? {}, incremental: incremental ?? {}, newWeek: newWeek ?? {} },
      cpu: { fullSeconds: fullCpuMs / 1_000, incrementalMs: incrementalCpuMs },
      source,
    };
  } finally {
    await pool.close();
    conn.closeSync();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
