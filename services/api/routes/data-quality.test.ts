import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataQualityResponse } from '@wijksignaal/contracts/data-quality';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { authenticateAs } from '../auth/test-authenticate.ts';
import type { Role } from '../auth/roles.ts';

let dir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-data-quality-'));
  await writeSnapshot(dir, 4, {
    ...fixtureContent(),
    sql: [
      `INSERT INTO partners VALUES ('demo-partner'), ('school-noord')`,
      `INSERT INTO quality_alarms VALUES
        ('demo-partner', 'home_care', 'silent', DATE '2025-03-03', 140, NULL, NULL, TIMESTAMP '2025-03-04 09:30:00', 21600000, 'Niets ontvangen sinds …', 'Nothing received since …'),
        ('school-noord', '', 'rejections_up', DATE '2025-02-24', 0.02, 0.3, 1e-9, NULL, NULL, 'In de week …', 'In the week …')`,
      `INSERT INTO quality_wijken VALUES ('WK036301', 'demo-partner', 'home_care', 'silent'), ('WK036302', 'demo-partner', 'home_care', 'silent')`,
    ],
  });
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

async function ask(role: Role, query = '', partnerId?: string) {
  const app = createApp({ snapshots: reader, authenticate: authenticateAs(role, partnerId), now: () => FIXTURE_NOW });
  return app.request(`/api/v1/data-quality-alarms${query}`);
}

describe('GET /api/v1/data-quality-alarms', () => {
  it('shows GGD roles every partner’s alarms with their figures and reasons, and the marked wijken', async () => {
    for (const role of ['epidemiologist', 'team_lead', 'admin'] as const) {
      const res = await ask(role);
      expect(res.status).toBe(200);
      const body = dataQualityResponse.parse(await res.json());
      expect(body.alarms.map((a) => [a.partner, a.sourceKind, a.kind, a.week])).toEqual([
        ['demo-partner', 'home_care', 'silent', '2025-W10'],
        ['school-noord', null, 'rejections_up', '2025-W09'],
      ]);
      expect(body.alarms[0]).toMatchObject({
        usual: 140,
        observed: null,
        lastDeliveryAt: '2025-03-04T09:30:00.000Z',
        silentAfterSeconds: 21_600,
      });
      expect(body.alarms[0]?.why).toEqual({ nl: 'Niets ontvangen sinds …', en: 'Nothing received since …' });
      expect(body.affectedWijken.map((w) => w.code)).toEqual(['WK036301', 'WK036302']);
      expect(body.snapshotSequence).toBe(4);
    }
    const one = dataQualityResponse.parse(await (await ask('epidemiologist', '?partner=school-noord')).json());
    expect(one.alarms.map((a) => a.partner)).toEqual(['school-noord']);
    expect(one.affectedWijken).toEqual([]);
  });

  it('shows a partner its own alarms only, also when it names itself', async () => {
    for (const query of ['', '?partner=school-noord']) {
      const res = await ask('partner', query, 'school-noord');
      expect(res.status).toBe(200);
      const body = dataQualityResponse.parse(await res.json());
      expect(body.alarms.map((a) => a.partner)).toEqual(['school-noord']);
      expect(body.affectedWijken).toEqual([]);
    }
    const own = dataQualityResponse.parse(await (await ask('partner', '', 'demo-partner')).json());
    expect(own.alarms.map((a) => a.partner)).toEqual(['demo-partner']);
    expect(own.affectedWijken.every((w) => w.partner === 'demo-partner')).toBe(true);
  });

  it('refuses a partner that asks for another partner’s alarms, with a problem that names nothing of theirs', async () => {
    const res = await ask('partner', '?partner=demo-partner', 'school-noord');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(text).not.toContain('home_care');
  });

  it('answers 400 with invalidParams for a malformed or unregistered partner id', async () => {
    for (const partner of ['NOT%20A%20PARTNER', 'nobody-here']) {
      const res = await ask('epidemiologist', `?partner=${partner}`);
      expect(res.status).toBe(400);
      expect((await res.json()) as { invalidParams: { name: string }[] }).toMatchObject({ invalidParams: [{ name: 'partner' }] });
    }
  });
});
