import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import type { AuditEntry } from '../ops/audit-trail.ts';
import { DEFAULT_READER_LIMITS } from './reader-limit-settings.ts';

let dir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-rate-'));
  await writeSnapshot(dir, 1, fixtureContent());
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

/** An app with a small budget and a clock the test moves; testAuthenticate's subject is `test-<role>`. */
function setup(limits: Partial<typeof DEFAULT_READER_LIMITS>) {
  let at = FIXTURE_NOW.getTime();
  const audit: AuditEntry[] = [];
  const app = createApp({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => new Date(at),
    log: () => {},
    audit: (entry) => audit.push(entry),
    limits: { ...DEFAULT_READER_LIMITS, ...limits },
  });
  const get = async (path: string, role: string) => {
    const res = await app.request(path, asRole(role));
    return { res, body: await res.text() };
  };
  return { get, audit, advance: (ms: number) => (at += ms) };
}

describe('per-subject rate limits', () => {
  it('answers 429 with Retry-After once a reader has spent its minute, and lets it in again after that wait', async () => {
    const { get, advance } = setup({ dataPerMinute: 10 });
    for (let i = 0; i < 10; i++) expect((await get('/api/v1/areas', 'epidemiologist')).res.status).toBe(200);

    const { res, body } = await get('/api/v1/overview?theme=loneliness', 'epidemiologist');
    expect(res.status).toBe(429);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    const retryAfter = res.headers.get('Retry-After') ?? '';
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    const problem = JSON.parse(body) as { status: number; detail: string };
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/more than 10 requests a minute/);
    expect(problem.detail).toContain(`wait ${retryAfter} s`);
    expect(problem.detail).not.toContain('\n');

    advance(Number(retryAfter) * 1000);
    expect((await get('/api/v1/areas', 'epidemiologist')).res.status).toBe(200);
    expect((await get('/api/v1/areas', 'epidemiologist')).res.status).toBe(429);
  });

  it('counts each subject on its own: another reader is not slowed by one that is over its rate', async () => {
    const { get } = setup({ dataPerMinute: 10 });
    for (let i = 0; i < 11; i++) await get('/api/v1/areas', 'epidemiologist');
    expect((await get('/api/v1/areas', 'epidemiologist')).res.status).toBe(429);
    for (let i = 0; i < 10; i++) expect((await get('/api/v1/areas', 'team_lead')).res.status).toBe(200);
  });

  it('keeps the refused request in the audit trail, with who asked', async () => {
    const { get, audit } = setup({ dataPerMinute: 10 });
    for (let i = 0; i < 11; i++) await get('/api/v1/overview?theme=loneliness&from=2025-W01&to=2025-W13', 'epidemiologist');
    expect(audit).toHaveLength(11);
    expect(audit.at(-1)).toMatchObject({
      subject: 'test-epidemiologist',
      role: 'epidemiologist',
      route: '/api/v1/overview',
      theme: 'loneliness',
      from: '2025-W01',
      status: 429,
      result: 'refused',
    });
  });

  it('gives exports their own, smaller budget that data requests do not spend', async () => {
    const { get } = setup({ dataPerMinute: 10, exportsPerMinute: 2 });
    const exportPath = '/api/v1/exports/weekly-counts?theme=loneliness&format=csv';
    expect((await get(exportPath, 'epidemiologist')).res.status).toBe(200);
    expect((await get(exportPath, 'epidemiologist')).res.status).toBe(200);
    const refused = await get(exportPath, 'epidemiologist');
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
    expect(JSON.parse(refused.body).detail).toMatch(/more than 2 exports a minute/);
    expect((await get('/api/v1/areas', 'epidemiologist')).res.status).toBe(200);
  });

  it('does not limit what needs no credentials', async () => {
    const { get } = setup({ dataPerMinute: 10 });
    for (let i = 0; i < 30; i++) expect((await get('/api/v1/health', 'epidemiologist')).res.status).toBe(200);
  });
});
