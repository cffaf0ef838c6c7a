import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../tests/support/write-snapshot.ts';
import { createApp } from './app.ts';
import { authenticateAs } from './auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from './db/snapshot-reader.ts';
import { ProblemError } from './http/problem.ts';

const BOOT_SCRIPT = `\n  __sveltekit_x = { base: "" };\n  import("/_app/immutable/entry/start.js");\n`;
const INDEX_HTML = `<!doctype html><html lang="nl"><head><script type="module" src="/_app/immutable/entry/app.js"></script></head>
<body><div id="app"></div><script>${BOOT_SCRIPT}</script></body></html>`;

let root: string;
let emptyDir: string;
let dataDir: string;
let dashboardDir: string;
let empty: SnapshotReader;
let reader: SnapshotReader;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-app-'));
  emptyDir = join(root, 'no-snapshots');
  dataDir = join(root, 'snapshots');
  dashboardDir = join(root, 'build');
  await mkdir(join(dashboardDir, '_app/immutable/entry'), { recursive: true });
  await writeFile(join(dashboardDir, 'index.html'), INDEX_HTML);
  await writeFile(join(dashboardDir, '_app/immutable/entry/start.js'), 'export const start = 1;\n');
  await writeFile(join(dashboardDir, 'favicon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeSnapshot(dataDir, 1, fixtureContent());
  empty = await openSnapshotReader({ dir: emptyDir });
  reader = await openSnapshotReader({ dir: dataDir });
});
afterAll(async () => {
  await empty.close();
  await reader.close();
  await rm(root, { recursive: true, force: true });
});

const appWith = (snapshots: SnapshotReader, extra: Partial<Parameters<typeof createApp>[0]> = {}) =>
  createApp({
    snapshots,
    dashboardDir,
    now: () => FIXTURE_NOW,
    log: () => {},
    authenticate: authenticateAs('epidemiologist'),
    ...extra,
  });

const PATHS = [
  '/api/v1/health',
  '/api/v1/ready',
  '/api/v1/areas',
  '/api/v1/areas/geometry',
  '/api/v1/overview?theme=loneliness',
  '/api/v1/overview?theme=nope',
  '/api/v1/areas/WK000101/series?theme=escalation',
  '/api/v1/areas/WK000999/series?theme=escalation',
  '/api/v1/ingest-status',
  '/api/v1/areas/',
  '/api/v1/nothing-here',
  '/',
  '/wijk/WK000101',
  '/_app/immutable/entry/start.js',
  '/missing.css',
];

describe('every response', () => {
  it.each(PATHS)('carries API-Version and the security headers: %s', async (path) => {
    for (const snapshots of [reader, empty]) {
      const res = await appWith(snapshots).request(path);
      expect(res.headers.get('API-Version')).toBe('1.0.0');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
      if (path.startsWith('/api/')) expect(res.headers.get('Cache-Control')).toBe('no-store');
      if (res.status >= 400) expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    }
  });
});

describe('before the first snapshot', () => {
  it('is healthy but not ready', async () => {
    const app = appWith(empty);
    expect((await app.request('/api/v1/health')).status).toBe(200);
    const ready = await app.request('/api/v1/ready');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { detail: string }).detail).toMatch(/no data published yet/);
  });

  it.each([
    '/api/v1/areas',
    '/api/v1/areas/geometry',
    '/api/v1/overview?theme=loneliness',
    '/api/v1/ingest-status',
    '/api/v1/areas/WK000101/series?theme=loneliness',
  ])('answers 503 problem+json on %s', async (path) => {
    const res = await appWith(empty).request(path);
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).not.toBeNull();
    const problem = (await res.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(problem.detail).toBe('no data published yet; is the pipeline running?');
  });
});

describe('readiness', () => {
  it('reports the snapshot sequence and age', async () => {
    const snap = reader.current();
    const res = await appWith(reader).request('/api/v1/ready');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; snapshot: { sequence: number; createdAt: string; ageSeconds: number } };
    expect(body.status).toBe('ready');
    expect(body.snapshot.sequence).toBe(snap?.sequence);
    expect(body.snapshot.createdAt).toBe(snap?.createdAt);
    expect(typeof body.snapshot.ageSeconds).toBe('number');
  });
});

describe('paths', () => {
  it('answers 404 problem+json for a trailing slash and says what to use instead', async () => {
    const res = await appWith(reader).request('/api/v1/areas/');
    expect(res.status).toBe(404);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toContain('/api/v1/areas');
    expect(problem.detail).toMatch(/trailing slash/);
  });

  it('answers 404 problem+json for an unknown API path, never the dashboard', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/v2/overview', '/api']) {
      const res = await appWith(reader).request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    }
  });
});

describe('errors', () => {
  it('turns an unexpected failure into a 500 without a stack trace, logged in one line', async () => {
    const lines: string[] = [];
    const app = appWith(reader, {
      log: (line) => lines.push(line),
      authenticate: async () => {
        throw new Error('database exploded at /secret/path.ts:12\n    at frame (file.ts:1:1)');
      },
    });
    const res = await app.request('/api/v1/areas');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/exploded|secret|at frame/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GET /api/v1/areas');
    expect(lines[0]).not.toContain('\n');
  });
});

describe('the role guard', () => {
  it('asks for credentials on every data endpoint but not on health, readiness and the API document', async () => {
    const seen: string[] = [];
    const app = appWith(reader, {
      authenticate: async ({ authorization }) => {
        seen.push(authorization ?? 'none');
        throw new ProblemError(401, 'a bearer token is required');
      },
    });
    for (const path of [
      '/api/v1/areas',
      '/api/v1/overview?theme=loneliness',
      '/api/v1/ingest-status',
      '/api/v1/areas/geometry',
    ]) {
      const res = await app.request(path, { headers: { authorization: 'Bearer x' } });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    }
    expect(seen).toEqual(['Bearer x', 'Bearer x', 'Bearer x', 'Bearer x']);
    for (const path of ['/api/v1/health', '/api/v1/ready', '/api/v1/openapi.json']) {
      expect((await app.request(path)).status, path).toBe(200);
    }
    expect(seen).toHaveLength(4);
  });

  it('answers 403 naming the allowed roles when the role may not use the operation', async () => {
    const res = await appWith(reader, { authenticate: authenticateAs('partner', 'thuiszorg-noord') }).request('/api/v1/areas');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, detail: expect.stringContaining('epidemiologist') });
  });
});

describe('the dashboard', () => {
  it('serves index.html at / with a CSP that allows exactly its inline boot script', async () => {
    const res = await appWith(reader).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(INDEX_HTML);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const hash = createHash('sha256').update(BOOT_SCRIPT).digest('base64');
    const scriptSrc =
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc.split(' ').sort()).toEqual(['script-src', "'self'", `'sha256-${hash}'`].sort());
    expect(csp).not.toContain("script-src 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await appWith(reader).request('/wijk/WK000101?theme=loneliness');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves hashed assets with a long cache and the right type', async () => {
    const res = await appWith(reader).request('/_app/immutable/entry/start.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toContain('immutable');
    expect(await res.text()).toContain('export const start');
    const icon = await appWith(reader).request('/favicon.png');
    expect(icon.headers.get('Content-Type')).toBe('image/png');
    expect(icon.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('answers 404 for a missing file instead of the app', async () => {
    const res = await appWith(reader).request('/_app/immutable/entry/gone.js');
    expect(res.status).toBe(404);
  });

  it('never serves files outside its folder', async () => {
    await writeFile(join(root, 'secret.txt'), 'not for you');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/_app/..%2f..%2fsecret.txt']) {
      const res = await appWith(reader).request(path);
      expect(await res.text(), path).not.toContain('not for you');
    }
  });

  it('says how to build it when it is missing', async () => {
    const res = await appWith(reader, { dashboardDir: join(root, 'not-built') }).request('/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/npm run build/);
  });
});
