import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureContent } from '../../../tests/support/api-fixture.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { ApiKeyStore, apiKeyFile } from '../auth/api-key-store.ts';
import type { Authenticate } from '../auth/authenticate.ts';
import { openLocalIssuer } from '../auth/local-issuer.ts';
import { openAuthentication } from '../auth/open-authentication.ts';
import { unauthorized } from '../auth/unauthorized.ts';
import { parseApiConfig } from '../config.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let dataDir: string;
let reader: SnapshotReader;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'api-sse-credentials-'));
  await writeSnapshot(join(dataDir, 'snapshots'), 1, fixtureContent());
  reader = await openSnapshotReader({ dir: join(dataDir, 'snapshots') });
});
afterAll(async () => {
  await reader.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Reads an event stream as it arrives; `ended` turns true when the server ends it. */
function follow(res: Response) {
  const state = { status: res.status, text: '', ended: false };
  const body = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (let r = await body.read(); !r.done; r = await body.read()) state.text += r.value;
    state.ended = true;
  })();
  return { state, cancel: () => body.cancel() };
}

describe('snapshot-event streams end with their credentials', () => {
  it("ends a stream when its token expires (the local issuer's real token), while a longer-lived one stays open", async () => {
    // What `npm start` runs with: the built-in local issuer of this DATA_DIR and its verifier.
    const auth = await openAuthentication(parseApiConfig([], {}).auth, dataDir);
    const issuer = await openLocalIssuer(dataDir);
    const app = createApp({ snapshots: reader, authenticate: auth.authenticate, log: () => {} });
    const open = async (ttlSeconds: number) => {
      const token = await issuer.sign({ subject: `sse-${ttlSeconds}`, role: 'epidemiologist', ttlSeconds });
      return follow(await app.request('/api/v1/snapshot-events', { headers: { authorization: `Bearer ${token}` } }));
    };
    const short = await open(2);
    const long = await open(600);
    expect([short.state.status, long.state.status]).toEqual([200, 200]);

    await waitFor(() => short.state.ended, { timeoutMs: 15_000, intervalMs: 20, what: 'the short-lived stream to end' });
    expect(short.state.text).toContain('event: snapshot');
    expect(short.state.text).toMatch(/: the token has expired; sign in again for a new one\n\n$/);
    expect(long.state.ended).toBe(false);
    await long.cancel();
  }, 20_000);

  it('ends a stream within a re-check once its API key is revoked, as the running key store sees it', async () => {
    // API keys are partner credentials today, and partners may not open this stream (role matrix); this fake
    // Authenticate gives a key a reader's role so the stream's re-check meets a real revocation.
    const keys = new ApiKeyStore(apiKeyFile(dataDir));
    const authenticate: Authenticate = async ({ apiKey }) => {
      const found = apiKey ? await keys.find(apiKey) : undefined;
      if (!found) throw unauthorized('the X-Api-Key is unknown or revoked; ask the GGD for a new partner key');
      return { subject: `api-key:${found.id}`, role: 'epidemiologist' };
    };
    const app = createApp({ snapshots: reader, authenticate, log: () => {}, sseCredentialRecheckMs: 20 });
    const revoked = await keys.create('thuiszorg-demo');
    const kept = await keys.create('thuiszorg-demo');
    const open = async (key: string) => follow(await app.request('/api/v1/snapshot-events', { headers: { 'x-api-key': key } }));
    const doomed = await open(revoked.key);
    const staying = await open(kept.key);
    await waitFor(() => doomed.state.text.includes('event: snapshot'), {
      timeoutMs: 5_000,
      intervalMs: 10,
      what: 'the first event',
    });

    // As `npm run api-key -- --revoke` does it: another process rewrites the key file.
    expect(await new ApiKeyStore(apiKeyFile(dataDir)).revoke(revoked.id)).toBe(true);
    await waitFor(() => doomed.state.ended, { timeoutMs: 10_000, intervalMs: 10, what: 'the stream of the revoked key to end' });
    expect(doomed.state.text).toMatch(/: the credentials are no longer accepted: the X-Api-Key is unknown or revoked/);
    expect(staying.state.ended).toBe(false);
    await staying.cancel();
  }, 20_000);
});
