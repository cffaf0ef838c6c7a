import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaGeometryResponse, areasResponse, seriesResponse } from '@wijksignaal/contracts/http';
import { isoWeekFromDate, isoWeekRange } from '@wijksignaal/contracts/iso-week';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { expectPublishedCell } from '../../../tests/support/expect-cell.ts';
import { latestSnapshotFile, readPublishedTable, type PublishedTable } from '../../../tests/support/read-snapshot.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
let table: PublishedTable;
const content = fixtureContent();
const areas = content.areas ?? [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-areas-'));
  await writeSnapshot(dir, 7, content);
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/areas', () => {
  it('lists every wijk with its gemeente and residents', async () => {
    const res = await app.request('/api/v1/areas');
    expect(res.status).toBe(200);
    const body = areasResponse.parse(await res.json());
    expect(body.year).toBe(Math.max(...areas.map((a) => a.year)));
    expect(body.areas).toEqual(
      [...areas]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(({ code, name, gemeenteCode, gemeenteName, residents }) => ({ code, name, gemeenteCode, gemeenteName, residents })),
    );
  });
});

describe('GET /api/v1/areas/geometry', () => {
  it('is a FeatureCollection of the wijken that have a polygon', async () => {
    const res = await app.request('/api/v1/areas/geometry');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = areaGeometryResponse.parse(await res.json());
    const withGeometry = areas.filter((a) => a.geometry);
    expect(body.features.map((f) => f.properties.code)).toEqual(withGeometry.map((a) => a.code));
    for (const feature of body.features) {
      const area = withGeometry.find((a) => a.code === feature.properties.code);
      expect(feature.geometry).toEqual(area?.geometry);
      expect(feature.properties).toEqual({ code: area?.code, name: area?.name, gemeenteName: area?.gemeenteName });
    }
  });

  it('answers the same map again from the per-snapshot cache', async () => {
    const first = await (await app.request('/api/v1/areas/geometry')).text();
    const second = await (await app.request('/api/v1/areas/geometry')).text();
    expect(second).toBe(first);
  });
});

describe('GET /api/v1/areas/{code}/series', () => {
  it('has every week of the range, each the published weekly cell of the wijk (<k where the table has none)', async () => {
    const res = await app.request('/api/v1/areas/WK000101/series?theme=loneliness&from=2025-W03&to=2025-W10');
    expect(res.status).toBe(200);
    const body = seriesResponse.parse(await res.json());
    expect(body).toMatchObject({ code: 'WK000101', name: 'Noord', theme: 'loneliness' });
    const weeks = isoWeekRange('2025-W03', '2025-W10');
    expect(body.weeks.map((w) => w.week)).toEqual(weeks);
    for (const point of body.weeks) {
      expectPublishedCell(point.count, table, { theme: 'loneliness', area: 'WK000101', from: point.week }, point.week);
    }
    expect(body.weeks.some((w) => typeof w.count !== 'number')).toBe(true); // W07 has 3 signals
    expect(body.weeks.some((w) => typeof w.count === 'number')).toBe(true); // W05 has 6
    expect(body.weeks.every((w) => typeof w.count !== 'number' || w.count >= 5)).toBe(true);
  });

  it('marks only the running week as partial', async () => {
    const body = seriesResponse.parse(
      await (await app.request('/api/v1/areas/WK000101/series?theme=loneliness&from=2025-W08&to=2025-W11')).json(),
    );
    const running = isoWeekFromDate(FIXTURE_NOW);
    expect(body.weeks.filter((w) => w.partial).map((w) => w.week)).toEqual([running]);
  });

  it('takes any week range, not only grid periods, and spans a year boundary with week 53', async () => {
    const body = seriesResponse.parse(
      await (await app.request('/api/v1/areas/WK000102/series?theme=loneliness&from=2020-W52&to=2021-W02')).json(),
    );
    expect(body.weeks.map((w) => w.week)).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });

  it('answers 404 problem+json for a wijk that is not in the registry', async () => {
    const res = await app.request('/api/v1/areas/WK999999/series?theme=loneliness');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toContain('WK999999');
  });

  it('answers 400 for a code that is not a wijk code', async () => {
    for (const code of ['GM0001', 'wk000101', 'BU00010101', 'WK%27%3B--']) {
      const res = await app.request(`/api/v1/areas/${code}/series?theme=loneliness`);
      expect(res.status, code).toBe(400);
      const problem = (await res.json()) as { invalidParams: { name: string; reason: string }[] };
      expect(problem.invalidParams[0]?.name).toBe('code');
    }
  });

  it('answers 400 for a missing theme', async () => {
    const res = await app.request('/api/v1/areas/WK000101/series');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/theme is required/);
  });
});
