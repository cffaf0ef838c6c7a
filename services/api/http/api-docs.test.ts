import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { ProblemError } from './problem.ts';

let dir: string;
let reader: SnapshotReader;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-docs-'));
  reader = await openSnapshotReader({ dir });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const app = () =>
  createApp({
    snapshots: reader,
    dashboardDir: dir,
    log: () => {},
    authenticate: async () => {
      throw new ProblemError(401, 'no credentials in this test');
    },
  });

describe('GET /api/v1/docs', () => {
  it('answers without credentials with a page describing every operation of the live document', async () => {
    const api = app();
    const res = await api.request('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('API-Version')).toBe('1.0.0');
    const html = await res.text();
    const doc = (await (await api.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operationIds.length).toBeGreaterThan(5);
    for (const id of operationIds) expect(html).toContain(`<code>${id}</code>`);
  });

  it('is not an operation of the OpenAPI document', async () => {
    const doc = (await (await app().request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/docs');
  });
});
