import { mkdtemp, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewResponse } from '@wijksignaal/contracts/http';
import { overviewRows } from '@wijksignaal/contracts/overview-columns';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { THEMES } from '@wijksignaal/contracts/signal';
import { PERIOD_GRID_RULE } from '@wijksignaal/domain/published/period-grid';
import { FIXTURE_NOW, fixtureContent, fixtureResidents } from '../../../tests/support/api-fixture.ts';
import { expectDerivedCell, expectPublishedCell } from '../../../tests/support/expect-cell.ts';
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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-overview-'));
  await writeSnapshot(dir, 1, content);
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const overview = async (query: string) => {
  const res = await app.request(`/api/v1/overview?${query}`);
  expect(res.status, query).toBe(200);
  const body = overviewResponse.parse(await res.json());
  return { ...body, areas: overviewRows(body) };
};

describe('GET /api/v1/overview', () => {
  it('sends the same answer gzipped to clients that accept it, compressed once per snapshot', async () => {
    const path = '/api/v1/overview?theme=loneliness&from=2025-W05&to=2025-W08';
    const plain = await app.request(path);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    const text = await plain.text();
    const [first, second] = await Promise.all(
      [1, 2].map(() => app.request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })),
    );
    for (const res of [first!, second!]) {
      expect(res.headers.get('Content-Encoding')).toBe('gzip');
      expect(res.headers.get('Vary')).toContain('Accept-Encoding');
    }
    const [a, b] = await Promise.all([first!.arrayBuffer(), second!.arrayBuffer()]);
    expect(gunzipSync(Buffer.from(a)).toString('utf8')).toBe(text);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it.each(THEMES)('gives every wijk its published cell, residents of the theme bands and rate for %s', async (theme) => {
    const body = await overview(`theme=${theme}&from=2025-W01&to=2025-W13`);
    expect(body).toMatchObject({ theme, from: '2025-W01', to: '2025-W13', k: 5, populationLabel: THEME_POPULATION[theme].label });
    expect(body.period).toEqual({ kind: 'quarter', label: '2025-Q1', from: '2025-W01', to: '2025-W13' });
    expect(body.areas.map((a) => a.code)).toEqual((content.areas ?? []).map((a) => a.code).sort());
    for (const area of body.areas) {
      const address = { theme, area: area.code, from: '2025-W01', to: '2025-W13' };
      const count = table.count(address);
      const residents = fixtureResidents(area.code, THEME_POPULATION[theme].bands);
      expectPublishedCell(area.count, table, address);
      expect(area.residents).toBe(residents);
      if (residents === null) expect(area.ratePer1000).toBeNull();
      else if (residents < 100)
        expect(area.ratePer1000, 'too few residents for a rate').toEqual({ suppressed: true, display: 'x' });
      // Rates are sent with one decimal, the precision the dashboard shows.
      else expectDerivedCell(area.ratePer1000, count, (n) => Number(((n / residents) * 1000).toFixed(1)), area.code);
      if (count === null) for (const f of [area.rate, area.smr]) expect(f === null || 'suppressed' in f, area.code).toBe(true);
    }
  });

  it('shows a wijk without a published cell as <k, and its figures as withheld', async () => {
    const body = await overview('theme=loneliness&from=2025-W01&to=2025-W13');
    const haven = body.areas.find((a) => a.code === 'WK000201');
    expect(table.count({ theme: 'loneliness', area: 'WK000201', from: '2025-W01', to: '2025-W13' })).toBeNull();
    expect(haven?.count).toEqual({ suppressed: true, display: '<5' });
    expect(haven?.ratePer1000).toEqual({ suppressed: true, display: 'x' });
    const noord = body.areas.find((a) => a.code === 'WK000101');
    expect(typeof noord?.count, 'Noord has a published quarter').toBe('number');
  });

  it('shows each grid period as its own published cell: a week, a 4-week period, a year', async () => {
    for (const [from, to, kind, label] of [
      ['2025-W05', '2025-W05', 'week', '2025-W05'],
      ['2025-W05', '2025-W08', 'fourWeeks', '2025-P02'],
      ['2025-W01', '2025-W52', 'year', '2025'],
    ] as const) {
      const body = await overview(`theme=loneliness&from=${from}&to=${to}`);
      expect(body.period).toEqual({ kind, label, from, to });
      for (const area of body.areas) expectPublishedCell(area.count, table, { theme: 'loneliness', area: area.code, from, to });
    }
  });

  it('defaults to the latest complete quarter', async () => {
    const body = await overview('theme=loneliness');
    // FIXTURE_NOW is in 2025-W10, so the last complete week is W09 and Q1 is not complete yet.
    expect(body.period).toEqual({ kind: 'quarter', label: '2024-Q4', from: '2024-W40', to: '2024-W52' });
    expect([body.from, body.to]).toEqual(['2024-W40', '2024-W52']);
    expectPublishedCell(body.areas.find((a) => a.code === 'WK000101')?.count, table, {
      theme: 'loneliness',
      area: 'WK000101',
      from: '2024-W40',
      to: '2024-W52',
    });
  });

  it('accepts every kind of grid period, also those of a 53-week year', async () => {
    for (const [from, to] of [
      ['2020-W53', '2020-W53'],
      ['2020-W49', '2020-W53'],
      ['2020-W40', '2020-W53'],
      ['2020-W01', '2020-W53'],
      ['2025-W14', '2025-W26'],
    ]) {
      const res = await app.request(`/api/v1/overview?theme=loneliness&from=${from}&to=${to}`);
      expect(res.status, `${from}..${to}`).toBe(200);
    }
  });

  it('answers 400 listing the periods that exist for a window that is not a grid period, or half of one', async () => {
    for (const query of [
      'from=2025-W05&to=2025-W09',
      'from=2025-W01&to=2025-W10',
      'from=2025-W02&to=2025-W13',
      'from=2025-W09&to=2025-W01',
      'from=2000-W01&to=2025-W01',
      'from=2020-W49&to=2020-W52',
      'from=2025-W05',
      'to=2025-W13',
    ]) {
      const res = await app.request(`/api/v1/overview?theme=loneliness&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as { detail: string; invalidParams: { name: string }[] };
      expect(problem.detail, query).toContain(PERIOD_GRID_RULE);
      expect(problem.invalidParams.map((p) => p.name).sort(), query).toEqual(['from', 'to']);
    }
    const problem = (await (await app.request('/api/v1/overview?theme=loneliness&from=2025-W05&to=2025-W09')).json()) as {
      detail: string;
    };
    expect(problem.detail).toContain('2025-P02 (from=2025-W05&to=2025-W08)');
    expect(problem.detail).toContain('2025-Q1 (from=2025-W01&to=2025-W13)');
  });

  it('answers 400 naming the parameter for a bad theme or week', async () => {
    for (const [query, param] of [
      ['theme=fun', 'theme'],
      ['', 'theme'],
      ['theme=loneliness&from=2025-W54', 'from'],
      ['theme=loneliness&to=last-week', 'to'],
    ] as const) {
      const res = await app.request(`/api/v1/overview?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as { status: number; title: string; detail: string; invalidParams: { name: string }[] };
      expect(problem.status).toBe(400);
      expect(problem.detail).toContain(param);
      expect(problem.invalidParams.map((p) => p.name)).toContain(param);
    }
  });

  it('says which themes are allowed', async () => {
    const problem = (await (await app.request('/api/v1/overview?theme=fun')).json()) as { detail: string };
    for (const theme of THEMES) expect(problem.detail).toContain(theme);
  });
});
