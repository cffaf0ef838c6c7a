import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContent } from '../../../tests/support/api-fixture.ts';
import { writeSnapshot } from '../../../tests/support/write-snapshot.ts';
import { createApp } from '../app.ts';
import { parseApiConfig } from '../config.ts';
import { openSnapshotReader, type SnapshotReader } from '../db/snapshot-reader.ts';
import { ApiKeyStore, apiKeyFile } from './api-key-store.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localIssuerFile, openLocalIssuer } from './local-issuer.ts';
import { openAuthentication } from './open-authentication.ts';
import { ROLE_MATRIX } from './role-matrix.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * THE ROUTE WALK: every operation of the published OpenAPI document, called with bad credentials and as
 * each role, with the real authentication of `npm start` (the local issuer of a DATA_DIR, partner API keys).
 * Operations added later are walked automatically; each must be in the role matrix.
 */

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: { type?: string } }> };
  security?: unknown[];
}

const WIJK = 'WK000101';
const PARTNER = 'thuiszorg-demo';

let dataDir: string;
let reader: SnapshotReader;
let app: ReturnType<typeof createApp>;
let operations: Operation[];
const bad: Record<string, Record<string, string>> = {};
const good = {} as Record<Role | 'partnerApiKey', Record<string, string>>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'route-walk-'));
  await writeSnapshot(join(dataDir, 'snapshots'), 3, fixtureContent());
  reader = await openSnapshotReader({ dir: join(dataDir, 'snapshots') });
  // What `npm start` runs with: the defaults, so the built-in local issuer of this DATA_DIR.
  const auth = await openAuthentication(parseApiConfig([], {}).auth, dataDir);
  app = createApp({
    snapshots: reader,
    authenticate: auth.authenticate,
    localSignIn: auth.localSignIn,
    now: () => FIXTURE_NOW,
    log: () => {},
    requestLog: () => {},
  } as Parameters<typeof createApp>[0]);

  const issuer = await openLocalIssuer(dataDir);
  for (const role of ROLES) {
    const token = await issuer.sign({
      subject: `walk-${role}`,
      role,
      ttlSeconds: 600,
      ...(role === 'partner' ? { partnerId: PARTNER } : {}),
    });
    good[role] = { authorization: `Bearer ${token}` };
  }
  const keys = new ApiKeyStore(apiKeyFile(dataDir));
  good.partnerApiKey = { 'x-api-key': (await keys.create(PARTNER)).key };
  const revoked = await keys.create(PARTNER);
  await keys.revoke(revoked.id);

  // The same key and claims, but expired an hour ago (well past the clock tolerance).
  const stored = JSON.parse(await readFile(localIssuerFile(dataDir), 'utf8')) as { kid: string; privateJwk: JWK };
  const claims = { roles: ['admin'] };
  const now = Math.floor(Date.now() / 1000);
  const expired = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: stored.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject('walk-expired')
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(await importJWK(stored.privateJwk, 'ES256'));
  // Right issuer, audience and kid, but signed by a key that is not the issuer's.
  const otherKey = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: stored.kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject('walk-forged')
    .setExpirationTime('10m')
    .sign((await generateKeyPair('ES256')).privateKey);

  bad['no credentials'] = {};
  bad['malformed token'] = { authorization: 'Bearer not-a-jwt' };
  bad['not a bearer scheme'] = { authorization: `Basic ${Buffer.from('admin:demo').toString('base64')}` };
  bad['token signed by another key'] = { authorization: `Bearer ${otherKey}` };
  bad['expired token'] = { authorization: `Bearer ${expired}` };
  bad['unsigned token (alg none)'] = { authorization: `Bearer ${unsignedAdminToken()}` };
  bad['unknown API key'] = { 'x-api-key': 'wsk_0000000000000000000000000000000000000000000' };
  bad['revoked API key'] = { 'x-api-key': revoked.key };

  const res = await app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const document = (await res.json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ ...op, method, path })),
  );
});

afterAll(async () => {
  await reader?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function unsignedAdminToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 600;
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'x', roles: ['admin'], exp })}.`;
}

/** A value the parameter's schema accepts where the document says enough; otherwise a plausible one. */
function sampleValue(name: string, schema: Record<string, unknown> = {}): string {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return String(schema.enum[0]);
  if (schema.example !== undefined) return String(schema.example);
  if (schema.default !== undefined) return String(schema.default);
  if (/code|wijk/i.test(name)) return WIJK;
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  return 'x';
}

/** The request for an operation: path parameters filled, required query parameters set, an empty body. */
function request(op: Operation, headers: Record<string, string>): [string, RequestInit] {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(sampleValue(p.name, p.schema)));
    if (p.in === 'query' && p.required) query.set(p.name, sampleValue(p.name, p.schema));
  }
  const init: RequestInit = { method: op.method.toUpperCase(), headers: { ...headers } };
  if (op.requestBody) {
    // An empty (hence invalid) body: an allowed role gets a 400, a refused one its 401/403 first.
    const type = Object.values(op.requestBody.content)[0]?.schema?.type;
    init.body = type === 'array' ? '[]' : '{}';
    init.headers = { ...headers, 'content-type': 'application/json' };
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return [`/api/v1${path}${search}`, init];
}

async function call(op: Operation, headers: Record<string, string>): Promise<Response> {
  const [url, init] = request(op, headers);
  return app.request(url, init);
}

const rolesOf = (op: Operation) =>
  ROLE_MATRIX[op.operationId as keyof typeof ROLE_MATRIX] as 'public' | readonly Role[] | undefined;

describe('the route walk over /api/v1/openapi.json', () => {
  it('finds the operations, each in the role matrix, and the document states the same access', () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const op of operations) {
      const roles = rolesOf(op);
      expect(roles, `${op.operationId} is missing from role-matrix.ts`).toBeDefined();
      expect(op.security ?? [], op.operationId).toEqual(roles === 'public' ? [] : [{ bearer: [] }, { apiKey: [] }]);
    }
  });

  it('refuses every bad credential with a 401 problem (with a challenge, never echoing it) on protected operations', async () => {
    for (const op of operations) {
      const isPublic = rolesOf(op) === 'public';
      for (const [name, headers] of Object.entries(bad)) {
        const res = await call(op, headers);
        const label = `${op.method.toUpperCase()} ${op.path} with ${name}`;
        if (isPublic) {
          expect([401, 403], label).not.toContain(res.status);
          continue;
        }
        expect(res.status, label).toBe(401);
        expect(res.headers.get('content-type'), label).toMatch(/application\/problem\+json/);
        expect(res.headers.get('www-authenticate'), label).toMatch(/^Bearer realm="wijksignaal"/);
        const body = (await res.json()) as { detail: string };
        expect(body.detail, label).not.toMatch(/\n/);
        for (const value of Object.values(headers)) {
          const secret = value.replace(/^(Bearer|Basic) /, '');
          expect(body.detail, label).not.toContain(secret);
        }
      }
    }
  });

  it('lets each role (and a partner API key) use exactly what the role matrix allows', async () => {
    for (const op of operations) {
      const roles = rolesOf(op)!;
      for (const [who, headers] of Object.entries(good)) {
        const role: Role = who === 'partnerApiKey' ? 'partner' : (who as Role);
        const res = await call(op, headers);
        const label = `${op.method.toUpperCase()} ${op.path} as ${who} → ${res.status}`;
        if (roles === 'public' || roles.includes(role)) {
          expect([401, 403], `${label} (allowed)`).not.toContain(res.status);
          expect(res.status, `${label} (allowed, must not fail)`).not.toBe(500);
        } else {
          expect(res.status, `${label} (denied)`).toBe(403);
        }
        await res.body?.cancel(); // the event stream would otherwise stay open
      }
    }
  });

  it('a partner, by token or API key, cannot read aggregates', async () => {
    const aggregates = ['getAreas', 'getAreaSeries', 'getOverview', 'getAlarms', 'getAreaAlarmHistory', 'getAlarmEpisodes', 'getPriorities', 'getFunnel'];
    const walked = operations.filter((op) => aggregates.includes(op.operationId) || /Export$/.test(op.operationId));
    expect(walked.map((op) => op.operationId)).toEqual(expect.arrayContaining(aggregates));
    for (const op of walked) {
      for (const headers of [good.partner, good.partnerApiKey]) {
        const res = await call(op, headers);
        expect(res.status, `${op.operationId} as a partner`).toBe(403);
        const text = await res.text();
        expect(text).not.toContain(WIJK);
      }
    }
  });

  it('a valid token is accepted on a data operation with a 200 (the walk is not passing on 4xx alone)', async () => {
    const res = await app.request('/api/v1/areas', { headers: good.epidemiologist });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(WIJK);
  });
});
