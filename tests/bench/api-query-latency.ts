import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addIsoWeeks, isoWeekFromDate, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { createApp } from '@wijksignaal/api/app';
import { openSnapshotReader } from '@wijksignaal/api/db/snapshot-reader';
import { latestCompletePeriod } from '@wijksignaal/domain/published/period-grid';
import { writeSnapshot, type SnapshotAreaRow } from '../support/write-snapshot.ts';
import { authenticateAs } from '../../services/api/auth/test-authenticate.ts';

/**
 * Read-path latency at national scale: a snapshot with every wijk of the 2024 CBS map (real geometry from
 * ../shared/data when present) and three years of a weekly cube of about 10 million rows, queried
 * in-process through the real app. Prints p50/p95 per endpoint; run with `npx tsx tests/bench/api-query-latency.ts`.
 */
const WEEKS = 157;
const ROWS_PER_WIJK_WEEK_THEME = 7;
const RUNS = 30;

export interface EndpointLatency {
  path: string;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
}

function nationalAreas(): SnapshotAreaRow[] {
  const file = resolve(import.meta.dirname, '../../../shared/data/cbs_wijken_2024_nl.geojson');
  if (!existsSync(file)) {
    return Array.from({ length: 3393 }, (_, i) => ({
      code: `WK${String(1000 + Math.floor(i / 10)).padStart(4, '0')}${String(i % 10).padStart(2, '0')}`,
      name: `Wijk ${i}`,
      gemeenteCode: `GM${String(1000 + Math.floor(i / 10)).padStart(4, '0')}`,
      gemeenteName: `Gemeente ${Math.floor(i / 10)}`,
      year: 2024,
      residents: 5000,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [5, 52],
            [5.01, 52],
            [5.01, 52.01],
            [5, 52],
          ],
        ],
      },
    }));
  }
  const map = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: Record<string, string>; geometry: SnapshotAreaRow['geometry'] }[];
  };
  return map.features.map((f) => ({
    code: f.properties.wijkcode ?? '',
    name: f.properties.wijknaam ?? '',
    gemeenteCode: f.properties.gemeentecode ?? '',
    gemeenteName: f.properties.gemeentenaam ?? '',
    year: 2024,
    residents: 5000,
    geometry: f.geometry,
  }));
}

export async function measureApiQueryLatency(now = new Date()): Promise<EndpointLatency[]> {
  const dir = await mkdtemp(join(tmpdir(), 'wijksignaal-api-bench-'));
  try {
    const lastWeek = addIsoWeeks(isoWeekFromDate(now), -1);
    const firstWeek = addIsoWeeks(lastWeek, -(WEEKS - 1));
    const lastYear = latestCompletePeriod('year', lastWeek);
    const areas = nationalAreas();
    const started = Date.now();
    await writeSnapshot(dir, 1, {
      areas,
      sql: [
        `INSERT INTO population
           SELECT code, year, band, residents * share
           FROM areas, (VALUES ('0-14', 0.16), ('15-24', 0.12), ('25-44', 0.26), ('45-64', 0.26), ('65+', 0.20)) AS b(band, share)`,
        `INSERT INTO weekly_counts
           SELECT a.code, CAST('${mondayIsoDate(firstWeek)}' AS DATE) + CAST(7 * w.i AS INTEGER), t.theme, 'c' || r.i, 'home_care', '25-44',
                  CAST(1 + hash(a.code, w.i, t.theme, r.i) % 5 AS BIGINT), 1, 0,
                  row_number() OVER (), CAST(hash(w.i, a.code, r.i, t.theme) % 4294967296 AS BIGINT)
           FROM areas a, range(${WEEKS}) w(i), (VALUES ('loneliness'), ('school_absence'), ('escalation')) t(theme),
                range(${ROWS_PER_WIJK_WEEK_THEME}) r(i)`,
      ],
    });
    console.log(
      `national snapshot: ${areas.length} areas, ~${((areas.length * WEEKS * 3 * ROWS_PER_WIJK_WEEK_THEME) / 1e6).toFixed(1)}M cube rows, written in ${Date.now() - started} ms`,
    );

    const reader = await openSnapshotReader({ dir });
    const app = createApp({
      snapshots: reader,
      authenticate: authenticateAs('epidemiologist'),
      now: () => now,
      dashboardDir: dir,
    });
    const code = areas[Math.floor(areas.length / 2)]?.code ?? '';
    const paths = [
      '/api/v1/areas',
      '/api/v1/areas/geometry',
      '/api/v1/overview?theme=loneliness',
      `/api/v1/overview?theme=escalation&from=${lastYear.from}&to=${lastYear.to}`,
      `/api/v1/areas/${code}/series?theme=loneliness&from=${firstWeek}&to=${lastWeek}`,
      '/api/v1/ingest-status',
    ];
    const results: EndpointLatency[] = [];
    for (const path of paths) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await app.request(path);
        bytes = (await res.arrayBuffer()).byteLength;
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      }
      times.sort((a, b) => a - b);
      results.push({ path, p50Ms: round(times[Math.floor(RUNS / 2)]), p95Ms: round(times[Math.floor(RUNS * 0.95)]), bytes });
    }
    await reader.close();
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (ms: number | undefined) => Math.round((ms ?? NaN) * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await measureApiQueryLatency()) {
    console.log(
      `${r.path.padEnd(90)} p50 ${String(r.p50Ms).padStart(7)} ms  p95 ${String(r.p95Ms).padStart(7)} ms  ${r.bytes} bytes`,
    );
  }
}
