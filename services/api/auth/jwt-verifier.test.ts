import { SignJWT, UnsecuredJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../http/problem.ts';
import { createJwtVerifier, type VerifyToken } from './jwt-verifier.ts';

const ISSUER = 'https://idp.ggd.example.nl/realms/ggd';
const AUDIENCE = 'wijksignaal';
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let verify: VerifyToken;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  verify = createJwtVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    roleClaim: 'realm_access.roles',
    partnerClaim: 'partner_id',
    keys: createLocalJWKSet({ keys: [publicJwk] }),
  });
});

interface TokenOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  notBefore?: number;
  key?: CryptoKey;
  kid?: string;
}

const now = () => Math.floor(Date.now() / 1000);

function token(options: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ realm_access: { roles: ['offline_access', 'epidemiologist'] }, ...options.claims })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'k1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('anna')
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? now() + 300);
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(options.key ?? signingKey);
}

async function rejection(promise: Promise<unknown>): Promise<{ status: number; detail: string }> {
  const error = await promise.then(
    () => expect.unreachable('the token was accepted'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  const { status, detail } = (error as ProblemError).problem;
  return { status, detail };
}

describe('createJwtVerifier', () => {
  it('accepts a valid token and reads the one Wijksignaal role from a dotted claim path', async () => {
    const exp = now() + 300;
    await expect(verify(await token({ expiresAt: exp }))).resolves.toEqual({
      subject: 'anna',
      role: 'epidemiologist',
      expiresAt: new Date(exp * 1000),
    });
  });

  it('reads a partner token with its partner id', async () => {
    const t = await token({ claims: { realm_access: { roles: ['partner'] }, partner_id: 'thuiszorg-demo' } });
    await expect(verify(t)).resolves.toEqual({
      subject: 'anna',
      role: 'partner',
      partnerId: 'thuiszorg-demo',
      expiresAt: expect.any(Date),
    });
  });

  it('tolerates a little clock skew but not an expired token', async () => {
    await expect(verify(await token({ expiresAt: now() - 5 }))).resolves.toMatchObject({ role: 'epidemiologist' });
    const t = await token({ expiresAt: now() - 3600 });
    expect(await rejection(verify(t))).toEqual({ status: 401, detail: expect.stringMatching(/has expired/) });
  });

  it('rejects a token that is not valid yet', async () => {
    const t = await token({ notBefore: now() + 3600 });
    expect(await rejection(verify(t))).toEqual({ status: 401, detail: expect.stringMatching(/not valid yet/) });
  });

  it('rejects a token of another issuer or for another audience', async () => {
    const foreign = await token({ issuer: 'https://evil.example.com' });
    expect(await rejection(verify(foreign))).toEqual({ status: 401, detail: expect.stringMatching(/configured issuer/) });
    const elsewhere = await token({ audience: 'another-api' });
    expect(await rejection(verify(elsewhere))).toEqual({ status: 401, detail: expect.stringMatching(/audience wijksignaal/) });
  });

  it('rejects a token signed by another key, whether its kid is known or not', async () => {
    const sameKid = await token({ key: otherKey });
    expect(await rejection(verify(sameKid))).toEqual({ status: 401, detail: expect.stringMatching(/signature does not verify/) });
    const unknownKid = await token({ key: otherKey, kid: 'k2' });
    expect(await rejection(verify(unknownKid))).toEqual({ status: 401, detail: expect.stringMatching(/does not publish/) });
  });

  it('rejects an unsigned token (alg none) and an HMAC token', async () => {
    const unsigned = new UnsecuredJWT({ realm_access: { roles: ['admin'] } })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .encode();
    expect((await rejection(verify(unsigned))).status).toBe(401);
    const hmac = await new SignJWT({ realm_access: { roles: ['admin'] } })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    expect(await rejection(verify(hmac))).toEqual({ status: 401, detail: expect.stringMatching(/algorithm is not allowed/) });
  });

  it('refuses (403) a valid token without a role, with an unknown role or with two roles', async () => {
    const none = await token({ claims: { realm_access: undefined } });
    expect(await rejection(verify(none))).toEqual({ status: 403, detail: expect.stringMatching(/no realm_access.roles claim/) });
    const unknown = await token({ claims: { realm_access: { roles: ['superuser'] } } });
    expect(await rejection(verify(unknown))).toEqual({ status: 403, detail: expect.stringMatching(/no Wijksignaal role/) });
    const two = await token({ claims: { realm_access: { roles: ['admin', 'partner'] } } });
    expect(await rejection(verify(two))).toEqual({ status: 403, detail: expect.stringMatching(/exactly one/) });
  });

  it('refuses a partner token without a partner id', async () => {
    const t = await token({ claims: { realm_access: { roles: ['partner'] } } });
    expect(await rejection(verify(t))).toEqual({ status: 403, detail: expect.stringMatching(/partner_id claim/) });
  });

  it('checks a token once and remembers it until it expires', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k2', alg: 'ES256' };
    const localKeys = createLocalJWKSet({ keys: [jwk] });
    let keyLookups = 0;
    const counting = createJwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      roleClaim: 'realm_access.roles',
      partnerClaim: 'partner_id',
      keys: (header, input) => {
        keyLookups += 1;
        return localKeys(header, input);
      },
    });
    const valid = await token({ key: pair.privateKey, kid: 'k2' });
    for (let i = 0; i < 3; i++) expect((await counting(valid)).role).toBe('epidemiologist');
    expect(keyLookups).toBe(1);
    const expired = await token({ key: pair.privateKey, kid: 'k2', expiresAt: now() - 120 });
    for (let i = 0; i < 2; i++) await expect(counting(expired)).rejects.toThrow(/expired/);
    expect(keyLookups, 'a refused token is checked again every time').toBe(3);
  });

  it('never repeats the token in its answer', async () => {
    const t = await token({ expiresAt: now() - 3600 });
    const { detail } = await rejection(verify(t));
    for (const part of t.split('.')) expect(detail).not.toContain(part);
  });
});
