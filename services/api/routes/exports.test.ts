import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewResponse, seriesResponse } from '@wijksignaal/contracts/http';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { THEMES } from '@wijksignaal/contracts/signal';
import { isSuppressed } from '@wijksignaal/domain/disclosure/index';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { latestSnapshotFile, readPublishedTable, type PublishedTable } from '../../../tests/support/read-snapshot.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

const K = 5;
/** A week range for the weekly export, and a grid period (a quarter) for the overview export. */
const FROM = '2025-W01';
const TO = '2025-W10';
const QUARTER_TO = '2025-W13';
let table: PublishedTable;
let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
const content = fixtureContent();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-exports-'));
  await writeSnapshot(dir, 7, content, { createdAt: '2025-03-05T11:00:00.000Z' });
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;

/** Saves a downloaded file and reads it back with DuckDB, as an analyst's script would. */
async function readBack(res: Response, format: 'csv' | 'parquet'): Promise<{ rows: Row[]; kv: Record<string, string> }> {
  const path = join(dir, `download-${Math.random().toString(36).slice(2)}.${format}`);
  await writeFile(path, new Uint8Array(await res.arrayBuffer()));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const source = format === 'csv' ? `read_csv('${path}', comment = '#', header = true)` : `read_parquet('${path}')`;
    const rows = (await conn.runAndReadAll(`SELECT * FROM ${source}`)).getRowObjectsJS() as Row[];
    const kv: Record<string, string> = {};
    if (format === 'parquet') {
      for (const [key, value] of (
        await conn.runAndReadAll(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('${path}')`)
      ).getRowsJS()) {
        kv[String(key)] = String(value);
      }
    }
    return { rows, kv };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A count column as the JSON shows the cell: the number, or the marker of a withheld one. */
const asCell = (row: Row, column = 'count') =>
  row[column] === null ? { suppressed: true, display: row[`${column}_marker`] } : Number(row[column]);

function expectProtected(rows: Row[], countColumn = 'count'): void {
  for (const row of rows) {
    const count = row[countColumn] === null ? null : Number(row[countColumn]);
    if (count !== null) {
      expect(count >= K, `${String(row.wijk_code)} ${String(row.week ?? '')}: ${count}`).toBe(true);
      expect(row[`${countColumn}_suppressed`]).toBe(false);
    } else {
      expect(row[`${countColumn}_suppressed`]).toBe(true);
      expect(row[`${countColumn}_marker`]).toBe('<5');
    }
  }
}

describe('GET /api/v1/exports/weekly-counts', () => {
  it.each(THEMES)('CSV for %s: metadata lines, every wijk × week, each the published weekly cell', async (theme) => {
    const res = await app.request(`/api/v1/exports/weekly-counts?theme=${theme}&from=${FROM}&to=${TO}`, asRole('epidemiologist'));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="wijksignaal-weekly-counts-${theme}-${FROM}-${TO}.csv"`,
    );
    expect(res.headers.get('X-Snapshot-Sequence')).toBe('7');
    expect(res.headers.get('X-Disclosure-K')).toBe('5');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const text = await res.clone().text();
    const comments = text.split('\n').filter((l) => l.startsWith('#'));
    expect(comments).toEqual(
      expect.arrayContaining([
        '# snapshot_sequence: 7',
        '# snapshot_created_at: 2025-03-05T11:00:00.000Z',
        `# theme: ${theme}`,
        `# period: ${FROM}..${TO}`,
        '# k: 5',
        '# min_denominator: 100',
        '# period_kind: week',
        '# perturbation: counts are perturbed by at most ±3 (cell-key perturbation) and withheld below k = 5',
      ]),
    );
    const { rows } = await readBack(res, 'csv');
    const weeks = isoWeekRange(FROM, TO);
    expect(rows).toHaveLength((content.areas ?? []).length * weeks.length);
    expectProtected(rows);
    for (const row of rows) {
      const address = { theme, area: String(row.wijk_code), from: String(row.week) };
      expect(asCell(row), `${address.area} ${address.from}`).toEqual(table.shown(address));
    }
  });

  it('holds the same cells as the series of every wijk: the same numbers, withheld where it withholds', async () => {
    const theme = 'loneliness';
    const { rows } = await readBack(
      await app.request(`/api/v1/exports/weekly-counts?theme=${theme}&from=${FROM}&to=${TO}`, asRole('team_lead')),
      'csv',
    );
    expect(
      rows.some((r) => r.count_marker === '<5'),
      'the fixture has withheld weeks',
    ).toBe(true);
    expect(
      rows.some((r) => r.count !== null),
      'the fixture has published weeks',
    ).toBe(true);
    for (const code of (content.areas ?? []).map((a) => a.code)) {
      const series = seriesResponse.parse(
        await (
          await app.request(`/api/v1/areas/${code}/series?theme=${theme}&from=${FROM}&to=${TO}`, asRole('team_lead'))
        ).json(),
      );
      const own = rows.filter((r) => r.wijk_code === code);
      expect(own.map((r) => [r.week, asCell(r)])).toEqual(series.weeks.map((w) => [w.week, w.count]));
    }
  });

  it('answers 400 for a week range that is too long or the wrong way round, but takes any range', async () => {
    for (const query of [`from=2025-W09&to=2025-W01`, `from=2000-W01&to=2025-W01`]) {
      const res = await app.request(`/api/v1/exports/weekly-counts?theme=loneliness&${query}`, asRole('epidemiologist'));
      expect(res.status, query).toBe(400);
    }
    const res = await app.request(
      '/api/v1/exports/weekly-counts?theme=loneliness&from=2025-W03&to=2025-W09',
      asRole('epidemiologist'),
    );
    expect(res.status).toBe(200);
  });

  it('Parquet: the same rows, typed, with the metadata as key-value metadata', async () => {
    // school_absence: its one cell of 11 is shown whatever its noise (11 − 3 ≥ k), so rows with counts are compared.
    const url = `/api/v1/exports/weekly-counts?theme=school_absence&from=${FROM}&to=${TO}`;
    const parquet = await app.request(`${url}&format=parquet`, asRole('admin'));
    expect(parquet.status).toBe(200);
    expect(parquet.headers.get('Content-Type')).toBe('application/vnd.apache.parquet');
    expect(parquet.headers.get('Content-Disposition')).toContain('.parquet"');
    const { rows, kv } = await readBack(parquet, 'parquet');
    expect(kv).toMatchObject({
      snapshot_sequence: '7',
      theme: 'school_absence',
      period: `${FROM}..${TO}`,
      k: '5',
      min_denominator: '100',
    });
    expect(kv.perturbation).toContain('at most ±3');
    expectProtected(rows);
    expect(
      rows.some((r) => r.count !== null && Number(r.count) >= K),
      'the fixture has counts to publish',
    ).toBe(true);
    const csv = await readBack(await app.request(url, asRole('admin')), 'csv');
    const key = (r: Row) => `${String(r.wijk_code)}|${String(r.week)}|${String(r.count)}|${String(r.count_marker)}`;
    expect(rows.map(key).sort()).toEqual(csv.rows.map(key).sort());
    expect(rows.every((r) => typeof r.count === 'bigint' || r.count === null)).toBe(true);
  });
});

describe('GET /api/v1/exports/overview', () => {
  it('has the overview cells per wijk, withheld where the JSON withholds them, with the period in its metadata', async () => {
    const query = `theme=loneliness&from=${FROM}&to=${QUARTER_TO}`;
    const body = overviewResponse.parse(await (await app.request(`/api/v1/overview?${query}`, asRole('epidemiologist'))).json());
    const json = { ...body, areas: overviewRows(body) };
    for (const format of ['csv', 'parquet'] as const) {
      const res = await app.request(`/api/v1/exports/overview?${query}&format=${format}`, asRole('epidemiologist'));
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Disposition')).toContain(`overview-loneliness-${FROM}-${QUARTER_TO}`);
      if (format === 'csv') {
        const comments = (await res.clone().text()).split('\n').filter((l) => l.startsWith('#'));
        expect(comments).toEqual(
          expect.arrayContaining([
            `# period: ${FROM}..${QUARTER_TO}`,
            '# period_kind: quarter',
            '# period_label: 2025-Q1',
            '# k: 5',
            '# perturbation: counts are perturbed by at most ±3 (cell-key perturbation) and withheld below k = 5',
          ]),
        );
      }
      const { rows, kv } = await readBack(res, format);
      if (format === 'parquet') expect(kv).toMatchObject({ period_label: '2025-Q1', period_kind: 'quarter', k: '5' });
      expectProtected(rows);
      expect(rows.map((r) => r.wijk_code)).toEqual(json.areas.map((a) => a.code));
      json.areas.forEach((area, i) => {
        const row = rows[i]!;
        expect(asCell(row)).toEqual(area.count);
        expect(asCell(row)).toEqual(table.shown({ theme: 'loneliness', area: area.code, from: FROM, to: QUARTER_TO }));
        if (area.ratePer1000 !== null && isSuppressed(area.ratePer1000)) expect(row.rate_per_1000).toBeNull();
        if (area.smr !== null && isSuppressed(area.smr)) expect([row.smr, row.smr_suppressed]).toEqual([null, true]);
        expect(row.alarm_level).toBe(area.alarmLevel);
      });
    }
  });
});

describe('export access and parameters', () => {
  it('is for people, not partner systems', async () => {
    const url = '/api/v1/exports/overview?theme=loneliness';
    expect((await app.request(url)).status).toBe(401);
    expect((await app.request(url, asRole('partner:thuiszorg-noord'))).status).toBe(403);
    expect((await app.request('/api/v1/exports/weekly-counts?theme=loneliness', asRole('partner:thuiszorg-noord'))).status).toBe(
      403,
    );
  });

  it('answers a 400 problem for an unknown format or theme, or an overview period that is not on the grid', async () => {
    const res = await app.request('/api/v1/exports/weekly-counts?theme=loneliness&format=xlsx', asRole('epidemiologist'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ invalidParams: [{ name: 'format' }] });
    expect((await app.request('/api/v1/exports/overview?theme=x', asRole('epidemiologist'))).status).toBe(400);
    const offGrid = await app.request(
      `/api/v1/exports/overview?theme=loneliness&from=${FROM}&to=${TO}`,
      asRole('epidemiologist'),
    );
    expect(offGrid.status).toBe(400);
    expect(await offGrid.json()).toMatchObject({ invalidParams: [{ name: 'from' }, { name: 'to' }] });
  });
});
