import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { configureAuth } from './api-request.ts';
import { streamSnapshotEvents, type SnapshotEvent } from './snapshot-events.ts';

afterEach(() => configureAuth({ token: () => null, onUnauthorized: () => {} }));

describe('the snapshot event stream', () => {
  it('sends the token, and reports each snapshot the server announces', async () => {
    configureAuth({ token: () => 'the-token', onUnauthorized: () => {} });
    let sentAuthorization: string | null = null;
    const stream = (init?: RequestInit) => {
      sentAuthorization = new Headers(init?.headers).get('authorization');
      return new Response('event: snapshot\ndata: {"sequence":7,"createdAt":"2026-12-01T10:00:00Z"}\n\n: heartbeat\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      });
    };
    const seen: SnapshotEvent[] = [];
    await streamSnapshotEvents((e) => seen.push(e), { fetch: (_url, init) => Promise.resolve(stream(init)) });
    expect(sentAuthorization).toBe('Bearer the-token');
    expect(seen).toEqual([{ sequence: 7, createdAt: '2026-12-01T10:00:00Z' }]);
  });

  it('sends the user to the login page on a 401, as every request does', async () => {
    let signedOut = 0;
    configureAuth({ token: () => 'expired', onUnauthorized: () => signedOut++ });
    const refused = new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    });
    const opened = streamSnapshotEvents(() => {}, { fetch: () => Promise.resolve(refused) });
    await expect(opened).rejects.toBeInstanceOf(ApiError);
    await expect(opened).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toBe(1);
  });

  it('leaves a session alone that began after the refused request was sent', async () => {
    let token: string | null = null;
    let signedOut = 0;
    configureAuth({ token: () => token, onUnauthorized: () => signedOut++ });
    const refusedAfterSignIn = () => {
      token = 'signed-in-meanwhile';
      return Promise.resolve(new Response(null, { status: 401 }));
    };
    await expect(streamSnapshotEvents(() => {}, { fetch: refusedAfterSignIn })).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toBe(0);
  });
});
