import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { KeysUnavailableError } from './jwt-verifier.ts';

const DISCOVERY_TIMEOUT_MS = 5_000;

/**
 * The issuer's public keys, fetched (and cached, and refreshed on an unknown `kid`) by jose. Without an
 * explicit JWKS URL the `jwks_uri` comes from `<issuer>/.well-known/openid-configuration`, discovered on
 * the first token rather than at start-up so the API starts even while the identity provider is down;
 * a failed discovery is retried on the next token.
 */
export function discoveredJwks(issuer: string, jwksUrl?: string): JWTVerifyGetKey {
  if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl));
  let keys: Promise<JWTVerifyGetKey> | null = null;
  return async (header, token) => {
    keys ??= discover(issuer).catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return (await keys)(header, token);
  };
}

async function discover(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new KeysUnavailableError(`OIDC discovery at ${url} failed: ${(error as Error).message}`);
  }
  // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
  if (document.issuer !== issuer) throw new KeysUnavailableError(`OIDC discovery at ${url} names another issuer`);
  if (typeof document.jwks_uri !== 'string') throw new KeysUnavailableError(`OIDC discovery at ${url} has no jwks_uri`);
  return createRemoteJWKSet(new URL(document.jwks_uri));
}
