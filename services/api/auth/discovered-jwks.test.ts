import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../http/problem.ts';
import { discoveredJwks } from './discovered-jwks.ts';
import { createJwtVerifier } from './jwt-verifier.ts';

/** A tiny real identity provider: the OIDC discovery document and its JWKS over HTTP. */
let server: Server;
let issuer: string;
let privateKey: CryptoKey;
let discoveryHits = 0;
let discoveryFails = false;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/realms/ggd/.well-known/openid-configuration') {
      discoveryHits += 1;
      if (discoveryFails) {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
    } else if (req.url === '/realms/ggd/protocol/openid-connect/certs') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/ggd`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const sign = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
    .setIssuer(issuer)
    .setAudience('wijksignaal')
    .setSubject('bram')
    .setExpirationTime('5m')
    .sign(privateKey);

describe('discoveredJwks', () => {
  it('finds the jwks_uri through OIDC discovery and verifies RS256 tokens with a role from a string claim', async () => {
    const verify = createJwtVerifier({
      issuer,
      audience: 'wijksignaal',
      roleClaim: 'wijksignaal_role',
      partnerClaim: 'partner_id',
      keys: discoveredJwks(issuer),
    });
    await expect(verify(await sign({ wijksignaal_role: 'team_lead' }))).resolves.toEqual({
      subject: 'bram',
      role: 'team_lead',
      expiresAt: expect.any(Date),
    });
    await expect(verify(await sign({ wijksignaal_role: 'admin' }))).resolves.toMatchObject({ role: 'admin' });
  });

  it('uses an explicit JWKS URL without discovery', async () => {
    const before = discoveryHits;
    const verify = createJwtVerifier({
      issuer,
      audience: 'wijksignaal',
      roleClaim: 'roles',
      partnerClaim: 'partner_id',
      keys: discoveredJwks(issuer, `${issuer}/protocol/openid-connect/certs`),
    });
    await expect(verify(await sign({ roles: ['epidemiologist'] }))).resolves.toMatchObject({ role: 'epidemiologist' });
    expect(discoveryHits).toBe(before);
  });

  it('answers 503 while discovery fails, and recovers on the next token once it works', async () => {
    discoveryFails = true;
    const verify = createJwtVerifier({
      issuer,
      audience: 'wijksignaal',
      roleClaim: 'roles',
      partnerClaim: 'partner_id',
      keys: discoveredJwks(issuer),
    });
    const token = await sign({ roles: ['admin'] });
    const error = await verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({
      status: 503,
      detail: expect.stringMatching(/discovery .* failed: HTTP 500/),
    });
    discoveryFails = false;
    await expect(verify(token)).resolves.toMatchObject({ role: 'admin' });
  });

  it('refuses a discovery document that names another issuer (a configuration error: 503, not the token)', async () => {
    const other = issuer.replace('127.0.0.1', 'localhost');
    const verify = createJwtVerifier({
      issuer: other,
      audience: 'wijksignaal',
      roleClaim: 'roles',
      partnerClaim: 'partner_id',
      keys: discoveredJwks(other),
    });
    const error = await verify(await sign({ roles: ['admin'] })).catch((e: unknown) => e);
    expect((error as ProblemError).problem).toMatchObject({ status: 503, detail: expect.stringMatching(/names another issuer/) });
  });
});
