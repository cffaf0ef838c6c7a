import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileResponse } from '@wijksignaal/contracts/http';
import { SOURCE_KINDS } from '@wijksignaal/contracts/signal';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
const PATH = '/api/v1/areas/WK000101/profile?theme=loneliness&from=2025-W03&to=2025-W10';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-profile-'));
  await writeSnapshot(dir, 3, fixtureContent());
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const small = { suppressed: true, display: '<5' };

describe('GET /api/v1/areas/{code}/profile', () => {
  it("splits the wijk's count by category, source and age band, small counts withheld", async () => {
    const res = await app.request(PATH, asRole('epidemiologist'));
    expect(res.status).toBe(200);
    const body = profileResponse.parse(await res.json());
    // Noord, loneliness W03–W10: social 4 + 1, emotional 2, isolation 3 (10 in all).
    expect(body.breakdowns.category).toEqual([
      { key: 'social', count: 5 },
      { key: 'emotional', count: small },
      { key: 'isolation', count: small },
      { key: 'unspecified', count: 0 },
    ]);
    expect(body.breakdowns.source).toEqual(SOURCE_KINDS.map((key) => ({ key, count: key === 'home_care' ? 10 : 0 })));
    // 8 in 25-44 and 2 in 75+: the 2 is small, and it is hidden with complements until nothing gives it away.
    const ages = new Map(body.breakdowns.ageBand.map((r) => [r.key, r.count]));
    expect(ages.get('75+')).toEqual(small);
    expect(typeof ages.get('25-44')).not.toBe('number');
  });

  it('compares the wijk with its gemeente and the region, rates only where every population is known', async () => {
    const body = profileResponse.parse(await (await app.request(PATH, asRole('team_lead'))).json());
    const [wijk, gemeente, region] = body.comparison;
    expect(wijk).toMatchObject({ level: 'wijk', code: 'WK000101', name: 'Noord', count: 10, residents: 1100 });
    expect(wijk!.rate).toMatchObject({ value: expect.closeTo((10 / 1100) * 1000, 9) });
    // Zuid has no 65+ band, so Eerstestad and the region have no loneliness denominator.
    expect(gemeente).toEqual({ level: 'gemeente', code: 'GM0001', name: 'Eerstestad', count: 17, residents: null, rate: null });
    expect(region).toEqual({ level: 'region', code: null, name: null, count: 17, residents: null, rate: null });
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
    expect(body).toMatchObject({ gemeenteName: 'Eerstestad', k: 5, from: '2025-W03', to: '2025-W10' });
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
