import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { asRole, testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { startApiServer } from '../server.ts';

let dir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
const lines: string[] = [];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-telemetry-'));
  await writeSnapshot(dir, 3, fixtureContent(), { createdAt: new Date(FIXTURE_NOW.getTime() - 90_000).toISOString() });
  reader = await openSnapshotReader({ dir });
  app = createApp({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => FIXTURE_NOW,
    requestLog: (l) => lines.push(l),
  });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request ids and request log', () => {
  it('keeps a sane incoming X-Request-Id and logs one line with the route template, never the query', async () => {
    lines.length = 0;
    const res = await app.request('/api/v1/overview?theme=loneliness&from=2025-W01&to=2025-W04', {
      headers: { ...asRole('epidemiologist').headers, 'X-Request-Id': 'trace-42.a:b' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBe('trace-42.a:b');
    expect(logged()).toEqual([
      expect.objectContaining({
        level: 'info',
        requestId: 'trace-42.a:b',
        method: 'GET',
        route: '/api/v1/overview',
        status: 200,
        role: 'epidemiologist',
        durationMs: expect.any(Number),
        time: expect.any(String),
      }),
    ]);
    expect(lines[0]).not.toContain('loneliness');
    expect(lines[0]).not.toContain('Bearer');
  });

  it('replaces an unsafe or too long id by a UUID and puts it in the problem body', async () => {
    lines.length = 0;
    for (const bad of ['<script>', 'x'.repeat(65), 'a b']) {
      const res = await app.request('/api/v1/overview?theme=nope', {
        headers: { 'X-Request-Id': bad, ...asRole('admin').headers },
      });
      expect(res.status).toBe(400);
      const id = res.headers.get('X-Request-Id') ?? '';
      expect(id).toMatch(UUID);
      const body = (await res.json()) as { requestId?: string; status: number };
      expect(body).toMatchObject({ status: 400, requestId: id });
    }
    expect(logged().map((l) => [l.level, l.status, l.route])).toEqual(Array(3).fill(['warn', 400, '/api/v1/overview']));
  });

  it('gives 401s and unknown paths an id too, without logging the token', async () => {
    lines.length = 0;
    const denied = await app.request('/api/v1/areas', { headers: { authorization: 'Bearer secret-token-value' } });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { requestId: string }).requestId).toBe(denied.headers.get('X-Request-Id'));
    const missing = await app.request('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('X-Request-Id')).toMatch(UUID);
    expect(lines.join('\n')).not.toContain('secret-token-value');
    expect(logged().map((l) => [l.route, l.role])).toEqual([
      ['/api/v1/areas', null],
      ['unmatched', null],
    ]);
  });
});

describe('request ids over a real HTTP server', () => {
  it('survive compression, file downloads and problems', async () => {
    const server = await startApiServer({
      port: 0,
      host: '127.0.0.1',
      snapshotDir: dir,
      authenticate: testAuthenticate,
      requestLog: () => {},
    });
    try {
      const headers = { ...asRole('epidemiologist').headers, 'Accept-Encoding': 'gzip', 'X-Request-Id': 'scrape-1' };
      const compressed = await fetch(`${server.url}/api/v1/areas`, { headers });
      expect(compressed.headers.get('Content-Encoding')).toBe('gzip');
      expect(compressed.headers.get('X-Request-Id')).toBe('scrape-1');
      await compressed.arrayBuffer();
      const download = await fetch(`${server.url}/api/v1/exports/overview?theme=loneliness`, { headers });
      expect(download.headers.get('X-Request-Id')).toBe('scrape-1');
      await download.arrayBuffer();
      const bad = await fetch(`${server.url}/api/v1/exports/overview?theme=nope`, { headers });
      expect(bad.headers.get('X-Request-Id')).toBe('scrape-1');
      expect(await bad.json()).toMatchObject({ status: 400, requestId: 'scrape-1' });
    } finally {
      await server.close();
    }
  });
});

describe('GET /metrics', () => {
  it('is for admins only', async () => {
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', asRole('epidemiologist'))).status).toBe(403);
    expect((await app.request('/metrics', asRole('partner:thuiszorg-noord'))).status).toBe(403);
  });

  it('counts requests per route template and status, with latency buckets and the snapshot gauges', async () => {
    await app.request('/api/v1/areas/WK000101/series?theme=loneliness', asRole('team_lead'));
    await app.request('/api/v1/areas/WK000102/series?theme=loneliness', asRole('team_lead'));
    await app.request('/api/v1/health');
    const res = await app.request('/metrics', asRole('admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(
      /^wijksignaal_api_requests_total\{method="GET",route="\/api\/v1\/areas\/:code\/series",status="200"\} 2$/m,
    );
    expect(text).toMatch(/^wijksignaal_api_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} \d+$/m);
    expect(text).toMatch(
      /^wijksignaal_api_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/areas\/:code\/series",status="200",le="\+Inf"\} 2$/m,
    );
    expect(text).toMatch(
      /^wijksignaal_api_request_duration_seconds_count\{method="GET",route="\/api\/v1\/areas\/:code\/series",status="200"\} 2$/m,
    );
    expect(text).toMatch(/^wijksignaal_api_snapshot_sequence 3$/m);
    expect(text).toMatch(/^wijksignaal_api_snapshot_age_seconds 90$/m);
    expect(text).toMatch(/^wijksignaal_api_sse_clients 0$/m);
    // The event loop's delay since the last scrape, as the p99 and the max, in seconds.
    for (const quantile of ['0.99', '1']) {
      const line = new RegExp(
        `^wijksignaal_api_event_loop_delay_seconds\\{quantile="${quantile.replace('.', '\\.')}"\\} (\\S+)$`,
        'm',
      );
      expect(Number(line.exec(text)?.[1])).toBeGreaterThanOrEqual(0);
    }
    expect(text).toContain('# TYPE wijksignaal_api_ingest_items_total counter');
    expect(text).not.toContain('WK000101');
  });
});
