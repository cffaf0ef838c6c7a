import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { testAuthenticate } from '../auth/test-authenticate.ts';
import { startApiServer, type ApiServer } from '../server.ts';

let dir: string;
let server: ApiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

/** Reads an event stream into `text` as it arrives; `ended` settles when the server ends it. */
async function listen(url: string, init: RequestInit) {
  const res = await fetch(url, init);
  const state = { text: '', status: res.status, type: res.headers.get('content-type'), ended: Promise.resolve() };
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  state.ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      state.text += value;
    }
  })();
  return state;
}

function events(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: '))
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? '',
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null'),
    }));
}

describe('GET /api/v1/snapshot-events', () => {
  it('announces the served snapshot, then each new one, with heartbeats, and ends when the server closes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-sse-'));
    await writeSnapshot(dir, 1, fixtureContent(), { createdAt: '2025-03-03T10:00:00.000Z' });
    server = await startApiServer({
      port: 0,
      host: '127.0.0.1',
      snapshotDir: dir,
      authenticate: testAuthenticate,
      pollMs: 50,
      requestLog: () => {},
    });
    const stream = await listen(`${server.url}/api/v1/snapshot-events`, { headers: { authorization: 'Bearer team_lead' } });
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/^text\/event-stream/);
    await waitFor(() => events(stream.text).length === 1, { timeoutMs: 5_000, intervalMs: 20, what: 'the first event' });
    expect(events(stream.text)).toEqual([{ event: 'snapshot', data: { sequence: 1, createdAt: '2025-03-03T10:00:00.000Z' } }]);

    await writeSnapshot(dir, 2, fixtureContent(), { createdAt: '2025-03-03T10:05:00.000Z' });
    await waitFor(() => events(stream.text).length === 2, { timeoutMs: 10_000, intervalMs: 20, what: 'the swap event' });
    expect(events(stream.text)[1]).toEqual({ event: 'snapshot', data: { sequence: 2, createdAt: '2025-03-03T10:05:00.000Z' } });

    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer admin' } })).text();
    expect(metrics).toMatch(/^wijksignaal_api_sse_clients 1$/m);

    await server.close();
    server = null;
    await stream.ended;
    expect(stream.text.endsWith('\n\n')).toBe(true);
  });

  it('sends heartbeat comments while nothing changes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-sse-'));
    const { createApp } = await import('../app.ts');
    const { openSnapshotReader } = await import('../db/snapshot-reader.ts');
    const reader = await openSnapshotReader({ dir });
    const shutdown = new AbortController();
    const app = createApp({ snapshots: reader, authenticate: testAuthenticate, sseHeartbeatMs: 10, shutdown: shutdown.signal });
    const res = await app.request('/api/v1/snapshot-events', { headers: { authorization: 'Bearer epidemiologist' } });
    expect(res.status).toBe(200);
    const body = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    await waitFor(
      async () => {
        text += (await body.read()).value ?? '';
        return text.split(': heartbeat').length > 2;
      },
      { timeoutMs: 5_000, intervalMs: 1, what: 'two heartbeats' },
    );
    expect(text.startsWith('retry: 5000\n\n')).toBe(true);
    shutdown.abort();
    while (!(await body.read()).done);
    await reader.close();
  });

  it('needs a role that may read data', async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-sse-'));
    const { createApp } = await import('../app.ts');
    const { openSnapshotReader } = await import('../db/snapshot-reader.ts');
    const reader = await openSnapshotReader({ dir });
    const app = createApp({ snapshots: reader, authenticate: testAuthenticate });
    expect((await app.request('/api/v1/snapshot-events')).status).toBe(401);
    expect((await app.request('/api/v1/snapshot-events', { headers: { authorization: 'Bearer partner:x' } })).status).toBe(403);
    await reader.close();
  });
});
