import { mkdtemp, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewResponse } from '@wijksignaal/contracts/http';
import { isoWeekRange, mondayIsoDate } from '@wijksignaal/contracts/iso-week';
import { THEME_POPULATION } from '@wijksignaal/contracts/population';
import { THEMES } from '@wijksignaal/contracts/signal';
import { FIXTURE_NOW, fixtureContent, fixtureResidents } from '../../../tests/support/api-fixture.ts';
import { expectCountCell, expectDerivedCell } from '../../../tests/support/expect-cell.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
const content = fixtureContent();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-overview-'));
  await writeSnapshot(dir, 1, content);
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: authenticateAs('epidemiologist'), now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

/** The expected count, summed straight from the fixture rows. */
function expectedCount(code: string, theme: string, from: string, to: string): number {
  const weeks = new Set(isoWeekRange(from, to));
  return (content.weeklyCounts ?? [])
    .filter((row) => row.wijk === code && row.theme === theme && weeks.has(row.week))
    .reduce((sum, row) => sum + row.n, 0);
}

describe('GET /api/v1/overview', () => {
  it('sends the same answer gzipped to clients that accept it, compressed once per snapshot', async () => {
    const path = '/api/v1/overview?theme=loneliness&from=2025-W05&to=2025-W09';
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

  it.each(THEMES)('gives every wijk its count, residents of the theme bands and rate for %s', async (theme) => {
    const res = await app.request(`/api/v1/overview?theme=${theme}&from=2025-W05&to=2025-W09`);
    expect(res.status).toBe(200);
    const body = overviewResponse.parse(await res.json());
    expect(body).toMatchObject({ theme, from: '2025-W05', to: '2025-W09', populationLabel: THEME_POPULATION[theme].label });
    expect(body.areas.map((a) => a.code)).toEqual((content.areas ?? []).map((a) => a.code).sort());
    for (const area of body.areas) {
      const count = expectedCount(area.code, theme, '2025-W05', '2025-W09');
      const residents = fixtureResidents(area.code, THEME_POPULATION[theme].bands);
      expectCountCell(area.count, count, 5, area.code);
      expect(area.residents).toBe(residents);
      if (residents === null) expect(area.ratePer1000).toBeNull();
      else if (residents < 100)
        expect(area.ratePer1000, 'too few residents for a rate').toEqual({ suppressed: true, display: 'x' });
      else expectDerivedCell(area.ratePer1000, (count / residents) * 1000, area.code);
    }
  });

  it('lists wijken without signals with count 0', async () => {
    const body = overviewResponse.parse(
      await (await app.request('/api/v1/overview?theme=loneliness&from=2025-W01&to=2025-W10')).json(),
    );
    const haven = body.areas.find((a) => a.code === 'WK000201');
    expect(haven?.count).toBe(0);
    expect(haven?.ratePer1000).toBe(0);
  });

  it('includes both end weeks of the range', async () => {
    const body = overviewResponse.parse(
      await (await app.request('/api/v1/overview?theme=loneliness&from=2025-W07&to=2025-W07')).json(),
    );
    expectCountCell(
      body.areas.find((a) => a.code === 'WK000101')?.count,
      expectedCount('WK000101', 'loneliness', '2025-W07', '2025-W07'),
      5,
    );
    expect(expectedCount('WK000101', 'loneliness', '2025-W07', '2025-W07')).toBeGreaterThan(0);
  });

  it('defaults to the last 13 complete weeks', async () => {
    const body = overviewResponse.parse(await (await app.request('/api/v1/overview?theme=loneliness')).json());
    // FIXTURE_NOW is in 2025-W10, so the last complete week is W09.
    expect(body.to).toBe('2025-W09');
    expect(isoWeekRange(body.from, body.to)).toHaveLength(13);
    expect(mondayIsoDate(body.from) < mondayIsoDate(body.to)).toBe(true);
  });

  it('answers 400 naming the parameter for a bad theme, week or order', async () => {
    for (const [query, param] of [
      ['theme=fun', 'theme'],
      ['', 'theme'],
      ['theme=loneliness&from=2025-W54', 'from'],
      ['theme=loneliness&to=last-week', 'to'],
      ['theme=loneliness&from=2025-W09&to=2025-W01', 'from'],
      ['theme=loneliness&from=2000-W01&to=2025-W01', 'from'],
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
