import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import type { AuditEntry } from './audit-trail.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
const entries: AuditEntry[] = [];
const content = fixtureContent();
const wijk = content.areas![0]!.code;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-audit-'));
  await writeSnapshot(dir, 1, content);
  reader = await openSnapshotReader({ dir });
  app = createApp({ snapshots: reader, authenticate: testAuthenticate, now: () => FIXTURE_NOW, audit: (e) => entries.push(e) });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the audit trail', () => {
  it('has one entry per data request and export, with subject, role, route, period and area; none for health', async () => {
    const requests = [
      '/api/v1/overview?theme=loneliness&from=2025-W01&to=2025-W13',
      `/api/v1/areas/${wijk}/profile?theme=escalation&from=2025-W01&to=2025-W13`,
      `/api/v1/areas/${wijk}/series?theme=loneliness&from=2025-W01&to=2025-W08`,
      '/api/v1/exports/weekly-counts?theme=loneliness&from=2025-W01&to=2025-W08&format=csv',
      '/api/v1/health',
      '/api/v1/openapi.json',
    ];
    entries.length = 0;
    for (const path of requests) {
      const res = await app.request(path, asRole('epidemiologist'));
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(entries.map((e) => e.route)).toEqual([
      '/api/v1/overview',
      '/api/v1/areas/:code/profile',
      '/api/v1/areas/:code/series',
      '/api/v1/exports/weekly-counts',
    ]);
    expect(entries[0]).toMatchObject({
      subject: 'test-epidemiologist',
      role: 'epidemiologist',
      theme: 'loneliness',
      from: '2025-W01',
      to: '2025-W13',
      area: null,
      status: 200,
      result: 'answered',
    });
    expect(entries[1]).toMatchObject({ area: wijk, theme: 'escalation', from: '2025-W01', to: '2025-W13' });
    expect(entries[3]).toMatchObject({ format: 'csv', from: '2025-W01', to: '2025-W08' });
    for (const e of entries) expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the week of an explained alarm as the period, and the wijk as the area', async () => {
    entries.length = 0;
    const res = await app.request(`/api/v1/areas/${wijk}/alarm-explanations/2025-W07?theme=loneliness`, asRole('team_lead'));
    await res.arrayBuffer();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      route: '/api/v1/areas/:code/alarm-explanations/:week',
      area: wijk,
      theme: 'loneliness',
      from: '2025-W07',
      to: '2025-W07',
      status: res.status,
    });
  });

  it('keeps who was refused too, and a partner by its partner id', async () => {
    entries.length = 0;
    await (await app.request('/api/v1/overview?theme=loneliness')).arrayBuffer();
    await (await app.request('/api/v1/overview?theme=loneliness', asRole('partner:thuiszorg-demo'))).arrayBuffer();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ subject: null, status: 401, result: 'refused' });
    expect(entries[1]).toMatchObject({ role: 'partner', partner: 'thuiszorg-demo', status: 403, result: 'refused' });
  });
});
