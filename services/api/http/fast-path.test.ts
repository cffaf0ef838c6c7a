import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { createApiHandlers, type ApiHandlers } from '../app.ts';
import { testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import type { AuditEntry } from '../ops/audit-trail.ts';
import { withFastPath } from './fast-path.ts';

let root: string;
let reader: SnapshotReader;
let server: Server;
let base: string;
let honoCalls = 0;
let answerCounts: ApiHandlers['answerCounts'];
let handlers: ApiHandlers;
let clock = FIXTURE_NOW;
const audit: AuditEntry[] = [];
const requestLog: string[] = [];

const OVERVIEW = '/api/v1/overview?theme=loneliness';
const bearer = (role: string) => ({ authorization: `Bearer ${role}`, 'accept-encoding': 'gzip' });
/** Headers that differ between any two answers whatever path gave them. */
const PER_ANSWER = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => !PER_ANSWER.has(name)));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'api-fast-path-'));
  await writeSnapshot(join(root, 'snapshots'), 1, fixtureContent());
  reader = await openSnapshotReader({ dir: join(root, 'snapshots'), pollMs: 20 });
  handlers = createApiHandlers({
    snapshots: reader,
    authenticate: testAuthenticate,
    now: () => clock,
    log: () => {},
    audit: (entry) => audit.push(entry),
    requestLog: (line) => requestLog.push(line),
    limits: { dataPerMinute: 20, exportsPerMinute: 10, concurrentExports: 2, streams: 4 },
    // The fixture's answers take milliseconds; the national overview's, which are warmed by default, far more.
    warming: { minComputeMs: 0 },
  });
  const { app, fastPath } = handlers;
  answerCounts = handlers.answerCounts;
  const hono = getRequestListener(app.fetch);
  server = createServer(
    withFastPath(fastPath, (req, res) => {
      honoCalls++;
      return hono(req, res);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handlers.close();
  await reader.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(() => {
  honoCalls = 0;
  audit.length = 0;
  requestLog.length = 0;
});

describe('the fast path for answers Hono has given', () => {
  it('sends the same bytes and headers again without Hono, and still audits and logs each request', async () => {
    const first = await fetch(`${base}${OVERVIEW}`, { headers: bearer('epidemiologist') });
    const second = await fetch(`${base}${OVERVIEW}`, { headers: bearer('epidemiologist') });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(honoCalls).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(second.headers.get('Permissions-Policy')).toContain('camera=()');
    expect(second.headers.get('X-Request-Id')).not.toBe(first.headers.get('X-Request-Id'));
    expect(audit.map((a) => [a.route, a.subject, a.role, a.theme, a.status, a.result])).toEqual([
      ['/api/v1/overview', 'test-epidemiologist', 'epidemiologist', 'loneliness', 200, 'answered'],
      ['/api/v1/overview', 'test-epidemiologist', 'epidemiologist', 'loneliness', 200, 'answered'],
    ]);
    expect(audit[1]!.requestId).toBe(second.headers.get('X-Request-Id'));
    expect(requestLog.map((line) => (JSON.parse(line) as { route: string }).route)).toEqual([
      '/api/v1/overview',
      '/api/v1/overview',
    ]);
  });

  it('answers 304 with every security header when If-None-Match names the ETag, on both paths', async () => {
    const target = '/api/v1/areas/WK000101/series?theme=loneliness';
    const first = await fetch(`${base}${target}`, { headers: bearer('epidemiologist') });
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+-gzip"$/);
    const fromFast = await fetch(`${base}${target}`, { headers: { ...bearer('epidemiologist'), 'if-none-match': etag } });
    const fromHono = await fetch(`${base}${target}&from=2025-W01`, { headers: bearer('epidemiologist') });
    const honoEtag = fromHono.headers.get('ETag')!;
    const honoNotModified = await fetch(`${base}${target}&to=2025-W09&from=2025-W01`, {
      headers: { ...bearer('epidemiologist'), 'if-none-match': `W/${honoEtag}` },
    });
    for (const res of [fromFast, honoNotModified]) {
      expect(res.status).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('Permissions-Policy')).toContain('microphone=()');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(honoCalls).toBe(3); // the first, and the two other targets
    expect(audit.map((a) => a.status)).toEqual([200, 304, 200, 304]);
    const changed = await fetch(`${base}${target}`, { headers: { ...bearer('epidemiologist'), 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it('leaves a wrong role, missing credentials and HEAD to Hono, which refuses and audits them', async () => {
    await fetch(`${base}${OVERVIEW}`, { headers: bearer('epidemiologist') });
    honoCalls = 0;
    const partner = await fetch(`${base}${OVERVIEW}`, { headers: bearer('partner:p1') });
    const anonymous = await fetch(`${base}${OVERVIEW}`);
    const head = await fetch(`${base}${OVERVIEW}`, { method: 'HEAD', headers: bearer('epidemiologist') });
    expect([partner.status, anonymous.status, head.status]).toEqual([403, 401, 200]);
    expect(partner.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(honoCalls).toBe(3);
    expect(audit.slice(1).map((a) => [a.role, a.status, a.result])).toEqual([
      ['partner', 403, 'refused'],
      [null, 401, 'refused'],
      ['epidemiologist', 200, 'answered'],
    ]);
  });

  it('leaves a GET with a body, or with its credential sent twice, to Hono', async () => {
    await fetch(`${base}${OVERVIEW}`, { headers: bearer('epidemiologist') });
    honoCalls = 0;
    const statusOf = (headers: Record<string, string | string[]>, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${base}${OVERVIEW}`, { method: 'GET', headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await statusOf({ authorization: 'Bearer epidemiologist', 'content-length': '2' }, '{}')).toBe(200);
    expect(await statusOf({ authorization: ['Bearer partner:p1', 'Bearer epidemiologist'] })).not.toBe(0);
    expect(honoCalls).toBe(2);
  });

  it('counts its answers against the subject’s rate limit', async () => {
    let status = 200;
    for (let i = 0; i < 30 && status === 200; i++)
      status = (await fetch(`${base}${OVERVIEW}`, { headers: bearer('team_lead') })).status;
    expect(status).toBe(429);
    expect(audit.at(-1)).toMatchObject({ subject: 'test-team_lead', status: 429, result: 'refused' });
  });

  it('never sends an answer of an earlier week: the default period and the running week move with it', async () => {
    const target = '/api/v1/areas/WK000102/series?theme=escalation';
    await fetch(`${base}${target}`, { headers: bearer('epidemiologist') });
    clock = new Date(FIXTURE_NOW.getTime() + 7 * 24 * 3600 * 1000);
    try {
      const next = (await (await fetch(`${base}${target}`, { headers: bearer('epidemiologist') })).json()) as { to: string };
      expect(honoCalls).toBe(2);
      expect(next.to).toBe('2025-W10'); // the last complete week a week after FIXTURE_NOW (2025-W10)
    } finally {
      clock = FIXTURE_NOW;
    }
  });

  it('never sends an answer of a snapshot that is no longer served: after a swap, the one made from the new snapshot before it', async () => {
    const before = (await (await fetch(`${base}${OVERVIEW}`, { headers: bearer('admin') })).json()) as {
      snapshotSequence: number;
    };
    // The map is asked too: both are made on the answer worker's thread before the swap.
    await (await fetch(`${base}/api/v1/areas/geometry`, { headers: bearer('admin') })).arrayBuffer();
    const counts = answerCounts();
    await writeSnapshot(join(root, 'snapshots'), 2, fixtureContent());
    await waitFor(async () => reader.current()?.sequence === 2, { timeoutMs: 10_000, intervalMs: 10, what: 'snapshot 2' });
    honoCalls = 0;
    const after = (await (await fetch(`${base}${OVERVIEW}`, { headers: bearer('admin') })).json()) as {
      snapshotSequence: number;
    };
    expect([before.snapshotSequence, after.snapshotSequence]).toEqual([1, 2]);
    // Made before the swap (the warmer), so the first request on snapshot 2 is a fast answer, not a computation.
    expect(honoCalls).toBe(0);
    expect(answerCounts().onRequest).toBe(counts.onRequest);
    expect(answerCounts().beforeSwap).toBeGreaterThan(counts.beforeSwap);
    // Every answer made ahead (the overview, the map, the series asked before) was made on the worker's thread.
    const inWorker = answerCounts().beforeSwapInWorker - counts.beforeSwapInWorker;
    expect(inWorker).toBeGreaterThanOrEqual(2);
    expect(inWorker).toBe(answerCounts().beforeSwap - counts.beforeSwap);
    // The worker's gzip (which fetch decodes) holds what this thread made from the same cells on request.
    expect({ ...after, snapshotSequence: 0 }).toEqual({ ...before, snapshotSequence: 0 });
    const map = await fetch(`${base}/api/v1/areas/geometry`, { headers: bearer('admin') });
    expect([map.status, honoCalls, ((await map.json()) as { features: unknown[] }).features.length > 0]).toEqual([200, 0, true]);
    expect(audit.at(-1)).toMatchObject({ subject: 'test-admin', status: 200, result: 'answered' });
    // A target nobody asked before the swap is computed on request, through Hono: the counter does count.
    await fetch(`${base}/api/v1/overview?theme=escalation`, { headers: bearer('admin') });
    expect([honoCalls, answerCounts().onRequest]).toEqual([1, counts.onRequest + 1]);
  });
});
