import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileResponse } from '@wijksignaal/contracts/http';
import { AGE_BANDS, CATEGORIES_BY_THEME, SOURCE_KINDS } from '@wijksignaal/contracts/signal';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { expectPublishedCell } from '../../../tests/support/expect-cell.ts';
import { latestSnapshotFile, readPublishedTable, type PublishedTable } from '../../../tests/support/read-snapshot.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
let table: PublishedTable;
const FROM = '2025-W01';
const TO = '2025-W13';
const PATH = `/api/v1/areas/WK000101/profile?theme=loneliness&from=${FROM}&to=${TO}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-profile-'));
  await writeSnapshot(dir, 3, fixtureContent());
  table = await readPublishedTable(latestSnapshotFile(dir));
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const small = { suppressed: true, display: '<5' };
const hiddenCell = { suppressed: true, display: 'x' };

describe('GET /api/v1/areas/{code}/profile', () => {
  it("lists every value of each breakdown, each the wijk's published cell of the period", async () => {
    const res = await app.request(PATH, asRole('epidemiologist'));
    expect(res.status).toBe(200);
    const body = profileResponse.parse(await res.json());
    expect(body.period).toEqual({ kind: 'quarter', label: '2025-Q1', from: FROM, to: TO });
    const keys = { category: CATEGORIES_BY_THEME.loneliness, source: SOURCE_KINDS, ageBand: AGE_BANDS };
    for (const dimension of ['category', 'source', 'ageBand'] as const) {
      expect(body.breakdowns[dimension].map((r) => r.key)).toEqual([...keys[dimension]]);
      for (const row of body.breakdowns[dimension]) {
        const address = { theme: 'loneliness', area: 'WK000101', from: FROM, to: TO, dimension, value: row.key };
        expectPublishedCell(row.count, table, address, `${dimension}=${row.key}`);
      }
    }
    // Noord, loneliness Q1: social 4 + 1, emotional 2, isolation 3: the small ones are withheld.
    const categories = new Map(body.breakdowns.category.map((r) => [r.key, r.count]));
    expect(categories.get('emotional')).toEqual(small);
    expect(categories.get('isolation')).toEqual(small);
    expect(categories.get('unspecified'), 'an empty cell is withheld too, not 0').toEqual(small);
  });

  it('compares the published totals of the wijk, its gemeente and the region, rates only where every population is known', async () => {
    const body = profileResponse.parse(await (await app.request(PATH, asRole('team_lead'))).json());
    const [wijk, gemeente, region] = body.comparison;
    const cell = (level: 'wijk' | 'gemeente' | 'region', area: string) => ({
      theme: 'loneliness',
      level,
      area,
      from: FROM,
      to: TO,
    });
    expectPublishedCell(wijk!.count, table, cell('wijk', 'WK000101'));
    expectPublishedCell(gemeente!.count, table, cell('gemeente', 'GM0001'));
    expectPublishedCell(region!.count, table, cell('region', 'region'));
    expect(wijk).toMatchObject({ level: 'wijk', code: 'WK000101', name: 'Noord', residents: 1100 });
    const n = table.count(cell('wijk', 'WK000101'));
    expect(n, 'the fixture publishes Noord’s quarter').not.toBeNull();
    expect(wijk!.rate).toMatchObject({ value: expect.closeTo((n! / 1100) * 1000, 9) });
    // Zuid has no 65+ band, so Eerstestad and the region have no loneliness denominator.
    expect(gemeente).toMatchObject({ level: 'gemeente', code: 'GM0001', name: 'Eerstestad', residents: null, rate: null });
    expect(region).toMatchObject({ level: 'region', code: null, name: null, residents: null, rate: null });
    expect(body.population).toEqual({
      year: 2024,
      residents: 1300,
      bands: [
        { band: '0-14', residents: 200 },
        { band: '15-24', residents: 150 },
        { band: '25-44', residents: 400 },
        { band: '45-64', residents: 300 },
        { band: '65+', residents: 250 },
      ],
    });
    expect(body).toMatchObject({ gemeenteName: 'Eerstestad', k: 5, from: FROM, to: TO });
  });

  it('hides the rate of a withheld count', async () => {
    const body = profileResponse.parse(
      await (await app.request(`/api/v1/areas/WK000201/profile?theme=escalation&from=${FROM}&to=${TO}`, asRole('admin'))).json(),
    );
    const [wijk] = body.comparison;
    expect(wijk).toMatchObject({ code: 'WK000201', count: small, residents: 150, rate: hiddenCell });
  });

  it('defaults to the latest complete quarter and refuses a period that is not on the grid', async () => {
    const body = profileResponse.parse(
      await (await app.request('/api/v1/areas/WK000101/profile?theme=loneliness', asRole('admin'))).json(),
    );
    expect(body.period).toMatchObject({ kind: 'quarter', from: '2024-W40', to: '2024-W52' });
    const bad = await app.request('/api/v1/areas/WK000101/profile?theme=loneliness&from=2025-W03&to=2025-W10', asRole('admin'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual([
      'from',
      'to',
    ]);
  });

  it('is not for partners, needs a token, and says what is wrong with a bad code or theme', async () => {
    expect((await app.request(PATH, asRole('partner:demo-partner'))).status).toBe(403);
    expect((await app.request(PATH)).status).toBe(401);
    const unknown = await app.request('/api/v1/areas/WK009999/profile?theme=loneliness', asRole('admin'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toContain('WK009999');
    const bad = await app.request('/api/v1/areas/WK000101/profile?theme=drugs', asRole('admin'));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
