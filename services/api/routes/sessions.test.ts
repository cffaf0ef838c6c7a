import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsersResponse, sessionResponse } from '@wijksignaal/contracts/session';
import { createApp } from '../app.ts';
import { parseApiConfig } from '../config.ts';
import { localIssuerFile } from '../auth/local-issuer.ts';
import { openAuthentication, type Authentication } from '../auth/open-authentication.ts';
import { testAuthenticate } from '../auth/test-authenticate.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';

let dataDir: string;
let reader: SnapshotReader;
let auth: Authentication;
const AUTH = parseApiConfig([], { AUTH_TOKEN_TTL_MINUTES: '15' }).auth;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sessions-'));
  reader = await openSnapshotReader({ dir: join(dataDir, 'snapshots') });
  auth = await openAuthentication(AUTH, dataDir);
});
afterAll(async () => {
  await reader.close();
  await rm(dataDir, { recursive: true, force: true });
});

const signIn = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/api/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('local sign-in', () => {
  it('keeps the local issuer key readable by its owner only', async () => {
    expect((await stat(localIssuerFile(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('signs in each demo user with a token the same server accepts for its role', async () => {
    const app = createApp({ snapshots: reader, authenticate: auth.authenticate, localSignIn: auth.localSignIn });
    const users = demoUsersResponse.parse(await (await app.request('/api/v1/demo-users')).json());
    expect(users.users.map((u) => u.role).sort()).toEqual(['admin', 'epidemiologist', 'partner', 'team_lead']);
    for (const user of users.users) {
      const res = await signIn(app, { username: user.username, password: users.password });
      expect(res.status).toBe(200);
      const session = sessionResponse.parse(await res.json());
      expect(session).toEqual({
        accessToken: session.accessToken,
        tokenType: 'Bearer',
        expiresIn: 15 * 60,
        role: user.role,
        ...(user.partnerId ? { partnerId: user.partnerId } : {}),
      });
      await expect(auth.authenticate({ authorization: `Bearer ${session.accessToken}`, apiKey: undefined })).resolves.toEqual({
        subject: user.username,
        role: user.role,
        ...(user.partnerId ? { partnerId: user.partnerId } : {}),
        expiresAt: expect.any(Date),
      });
    }
  });

  it('answers 401 to a wrong password or unknown user and 400 to a missing field', async () => {
    const app = createApp({ snapshots: reader, authenticate: auth.authenticate, localSignIn: auth.localSignIn });
    expect((await signIn(app, { username: 'epidemioloog', password: 'wrong' })).status).toBe(401);
    expect((await signIn(app, { username: 'nobody', password: 'demo' })).status).toBe(401);
    expect((await signIn(app, { username: 'epidemioloog' })).status).toBe(400);
  });

  it('without the local issuer, points to the identity provider (404 problem)', async () => {
    const app = createApp({ snapshots: reader, authenticate: testAuthenticate });
    const res = await signIn(app, { username: 'epidemioloog', password: 'demo' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/identity provider/);
    expect((await app.request('/api/v1/demo-users')).status).toBe(404);
  });
});
